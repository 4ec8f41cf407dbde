package io.lightningop.spec.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class KeysTest {

  @Test
  void deployHyphenatesEveryRunOfWhitespace() {
    assertEquals("OpenHIE-Workflow", Keys.workflow("OpenHIE Workflow"));
    assertEquals("FHIR-standard-Data", Keys.job("FHIR  standard\tData"));
    assertEquals("a-b", Keys.hyphenate("a\u00A0\u2003b")); // JavaScript's \s includes these
  }

  @Test
  void lightningsExporterReplacesSingleSpaces() {
    assertEquals("FHIR--standard\tData", Keys.lightningHyphenate("FHIR  standard\tData"));
  }

  @Test
  void edgeCredentialAndTriggerKeys() {
    assertEquals("webhook->FHIR-standard-Data", Keys.edge("webhook", "FHIR standard Data"));
    assertEquals("Send-to-OpenHIM->Notify-CHW", Keys.edge("Send to OpenHIM", "Notify CHW"));
    assertEquals("jane-smith@test.com-HAPI-FHIR", Keys.credential("jane-smith@test.com", "HAPI FHIR"));
    assertEquals("cron", Keys.trigger("cron"));
    assertEquals("collection-one", Keys.collection("collection one"));
  }
}

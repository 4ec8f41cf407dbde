package io.lightningop.operator.k8s.project;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;
import io.lightningop.operator.k8s.ApiGroup;

/** A Lightning project (workflows, jobs, triggers, edges, credentials) kept live by the operator. */
@Group(ApiGroup.GROUP)
@Version(ApiGroup.VERSION)
@Kind("Project")
@Plural("projects")
@Singular("project")
@ShortNames({"lproj", "lp"})
@AdditionalPrinterColumn(name = "READY", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "SYNCED", jsonPath = ".status.conditions[?(@.type==\"Synced\")].status", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "DRIFTED", jsonPath = ".status.conditions[?(@.type==\"Drifted\")].status", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "REVISION", jsonPath = ".status.sourceRevision", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "SNAPSHOT", jsonPath = ".status.snapshotVersion", type = AdditionalPrinterColumn.Type.INTEGER, priority = 1)
@AdditionalPrinterColumn(name = "AGE", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class Project extends CustomResource<ProjectSpec, ProjectStatus> implements Namespaced {}

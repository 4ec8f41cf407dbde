// Hand the bundle to OpenHIM, which routes it to the shared health record.
post('/fhir', state => state.data.bundle, {
  headers: { 'Content-Type': 'application/fhir+json' },
});

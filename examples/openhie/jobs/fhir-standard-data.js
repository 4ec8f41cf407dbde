// Turn a CHW registration ({ patient: { id, given, family, gender, birthDate } })
// into a FHIR R4 transaction bundle holding one Patient.
fn(state => {
  const p = state.data.patient ?? {};
  const patient = {
    resourceType: 'Patient',
    identifier: [{ system: 'urn:openhie:chw-registry', value: String(p.id) }],
    name: [{ given: [p.given], family: p.family }],
    gender: p.gender,
    birthDate: p.birthDate,
  };
  return {
    ...state,
    data: {
      patientId: p.id,
      bundle: {
        resourceType: 'Bundle',
        type: 'transaction',
        entry: [{ resource: patient, request: { method: 'POST', url: 'Patient' } }],
      },
    },
  };
});

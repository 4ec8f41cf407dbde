// OpenHIM refused the bundle: record why, so the CHW can be told to resend.
fn(state => {
  const reason = state.errors ? JSON.stringify(state.errors) : 'unknown error';
  console.log(`Upload failed for ${state.data.patientId ?? 'unknown patient'}: ${reason}`);
  return state;
});

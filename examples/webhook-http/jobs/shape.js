// Keep the caller's payload and record when it arrived.
fn(state => ({
  ...state,
  data: { receivedAt: new Date().toISOString(), payload: state.data },
}));

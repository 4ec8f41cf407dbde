// The cursor job's previous final state is this run's input; the first run starts empty.
fn(state => {
  const runs = (state.data?.runs ?? 0) + 1;
  console.log(`tick ${runs} at ${new Date().toISOString()}`);
  return { ...state, data: { runs, lastRunAt: new Date().toISOString() } };
});

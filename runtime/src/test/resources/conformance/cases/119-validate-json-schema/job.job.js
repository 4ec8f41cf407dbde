validate();

validate({ $id: 'person', type: 'object', required: ['name'], properties: { name: { type: 'string' } } }, 'people[1]');

validate({
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'pair',
  type: 'array',
  prefixItems: [{ type: 'string' }, { type: 'number' }],
  items: false,
}, state => ['x', 1, true]);

fn(state => {
  console.log('validation errors:', state.validationErrors.length);
  return state;
});

// Post the shaped payload on; the response becomes state.data for the next step.
post('https://postman-echo.com/post', { body: state => state.data });

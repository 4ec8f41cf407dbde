// Loopback HTTP server for the http step, in its own process so that neither runtime under
// test pays for serving. Prints its URL on stdout, then serves until killed.
import http from 'node:http';

const body = JSON.stringify({ count: 3, items: [{ id: 1 }, { id: 2 }, { id: 3 }] });
const server = http.createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
});
server.keepAliveTimeout = 30_000;
server.listen(0, '127.0.0.1', () => console.log(`http://127.0.0.1:${server.address().port}`));

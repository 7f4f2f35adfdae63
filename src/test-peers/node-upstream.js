// A Node.js upstream for Holdfast's tests: Node's own HTTP server with a short keepAliveTimeout,
// the setting behind most "502 on a reused connection" reports against proxies.
// Usage: node node-upstream.js <port|0> <keepAliveTimeoutMs> [announce=true|false]
// Prints the bound port on its first line. GET answers "ok <path>"; POST echoes the body.
'use strict';
const http = require('http');

const port = Number(process.argv[2] || 0);
const keepAliveTimeout = Number(process.argv[3] || 1000);
const announce = (process.argv[4] || 'true') === 'true';

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = req.method === 'POST' ? Buffer.concat(chunks) : Buffer.from('ok ' + req.url);
    const headers = { 'Content-Type': 'text/plain', 'Content-Length': body.length };
    res.writeHead(200, headers);
    res.end(body);
  });
});
server.keepAliveTimeout = keepAliveTimeout;
if (!announce) {
  // Node writes "Keep-Alive: timeout=N" itself when keepAliveTimeout is set; hide it.
  const writeHead = http.ServerResponse.prototype._storeHeader;
  http.ServerResponse.prototype._storeHeader = function (firstLine, headers) {
    const result = writeHead.call(this, firstLine, headers);
    this._header = this._header.replace(/Keep-Alive: timeout=\d+\r\n/i, '');
    return result;
  };
}
server.listen(port, '127.0.0.1', () => {
  process.stdout.write(server.address().port + '\n');
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));

// A Node.js upstream that speaks HTTP/1.1 Upgrade through Node's own 'upgrade' event, for Holdfast's tunnel
// tests: a peer whose HTTP parser (llhttp) is not Netty's.
// Usage: node node-upgrade.js <port|0>. Prints the bound port on its first line.
// - GET with "Upgrade: echo": 101 with "Upgrade: echo" and "X-Early-Bytes: <n>" (bytes Node read past the
//   request head), then "node:" and those bytes, then every byte echoed; "QUIT" makes it close after the echo.
// - Any other Upgrade: 426 with body "nope", then the socket closes.
// - Plain requests: "ok <url>".
'use strict';
const http = require('http');

const port = Number(process.argv[2] || 0);

const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => res.end('ok ' + req.url));
});

server.on('upgrade', (req, socket, head) => {
  if ((req.headers.upgrade || '').toLowerCase() !== 'echo') {
    socket.end('HTTP/1.1 426 Upgrade Required\r\nContent-Length: 4\r\nConnection: close\r\n\r\nnope');
    return;
  }
  socket.write('HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: echo\r\n'
    + 'X-Early-Bytes: ' + head.length + '\r\nX-Forwarded-For-Seen: ' + (req.headers['x-forwarded-for'] || '')
    + '\r\n\r\nnode:');
  socket.write(head);
  socket.on('data', (data) => {
    socket.write(data);
    if (data.toString('latin1').endsWith('QUIT')) {
      socket.end();
    }
  });
  socket.on('error', () => socket.destroy());
});

server.listen(port, '127.0.0.1', () => {
  process.stdout.write(server.address().port + '\n');
});
process.on('SIGTERM', () => process.exit(0));

const http = require('node:http');
http
  .createServer((_req, res) => res.end('${{ values.name }} is up\n'))
  .listen(process.env.PORT ?? 8080);

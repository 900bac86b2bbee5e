// The server benchmark's peer: what a team would otherwise pick, a minimal
// Node.js room-broadcast server on the `ws` package, written the idiomatic way
// (one ws.send per frame per receiver). Same rooms of 30, same fan-out, and
// enough of the Parta protocol for the same load generator:
//   ResumeSession{token} -> LoginOk; the token picks the room (a Map lookup in
//     the bench tokens file, "chat_id token" per line) - no hashing, no database;
//   SendMessage{chat_id, client_id, text} -> MessageSent to the sender and one
//     ChatEvent{MessageAdded}, encoded once, to every other member of the room;
//   anything else -> ignored. No auth, no storage, no policy: that favors the peer.
// Protobuf fields are read and written by hand (the few the generator needs).
//
// Usage: node server.mjs --tokens FILE [--port N] [--ready-file PATH]
import { readFileSync, writeFileSync, renameSync } from 'node:fs';
import { WebSocketServer } from 'ws';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, v, i, all) => (i % 2 === 0 ? [...pairs, [v.replace(/^--/, ''), all[i + 1]]] : pairs), []));
const roomOfToken = new Map();
for (const line of readFileSync(args.tokens, 'utf8').split('\n')) {
  const [chat, token] = line.split(' ');
  if (token) roomOfToken.set(token, Number(chat));
}
const rooms = new Map(); // chat id -> Set of sockets
const seqOf = new Map(); // chat id -> last seq

// --- protobuf, by hand --------------------------------------------------------
function readVarint(buf, pos) {
  let value = 0, mul = 1, b;
  do {
    b = buf[pos++];
    value += (b & 0x7f) * mul;
    mul *= 128;
  } while (b & 0x80);
  return [value, pos];
}
// Top-level fields of a message: Map field number -> Buffer (length-delimited) or number (varint).
function fields(buf) {
  const out = new Map();
  let pos = 0;
  while (pos < buf.length) {
    let key;
    [key, pos] = readVarint(buf, pos);
    const field = Math.floor(key / 8), wire = key & 7;
    if (wire === 0) {
      let v;
      [v, pos] = readVarint(buf, pos);
      out.set(field, v);
    } else if (wire === 2) {
      let len;
      [len, pos] = readVarint(buf, pos);
      out.set(field, buf.subarray(pos, pos + len));
      pos += len;
    } else {
      return out; // not used by Parta's client frames
    }
  }
  return out;
}
function varint(v) {
  const bytes = [];
  while (v >= 128) {
    bytes.push((v % 128) | 0x80);
    v = Math.floor(v / 128);
  }
  bytes.push(v);
  return Buffer.from(bytes);
}
const uintField = (field, v) => Buffer.concat([varint(field * 8), varint(v)]);
const bytesField = (field, b) => Buffer.concat([varint(field * 8 + 2), varint(b.length), b]);

// --- the server -----------------------------------------------------------------
const wss = new WebSocketServer({ host: '127.0.0.1', port: Number(args.port ?? 0), maxPayload: 64 * 1024 });
let nextUser = 1;
wss.on('connection', (ws) => {
  ws.user = nextUser++;
  ws.room = null;
  ws.on('message', (data) => {
    const frame = fields(data);
    const requestId = frame.get(1) ?? 0;
    const resume = frame.get(11), send = frame.get(15);
    if (resume) {
      const token = fields(resume).get(1)?.toString() ?? '';
      const chat = roomOfToken.get(token);
      if (chat === undefined) return ws.close(1008);
      ws.room = chat;
      if (!rooms.has(chat)) rooms.set(chat, new Set());
      rooms.get(chat).add(ws);
      ws.send(Buffer.concat([uintField(1, requestId), bytesField(11, bytesField(1, Buffer.from(token)))]));
    } else if (send && ws.room !== null) {
      const m = fields(send);
      const chat = m.get(1) ?? 0;
      if (chat !== ws.room) return;
      const seq = (seqOf.get(chat) ?? 0) + 1;
      seqOf.set(chat, seq);
      const body = Buffer.concat([uintField(1, chat), uintField(2, seq), uintField(3, ws.user),
        bytesField(4, Buffer.from('Student ' + ws.user)), bytesField(5, m.get(3) ?? Buffer.alloc(0)),
        uintField(6, Date.now())]);
      const mine = Buffer.concat([body, bytesField(7, m.get(2) ?? Buffer.alloc(0))]);
      ws.send(Buffer.concat([uintField(1, requestId), bytesField(14, bytesField(1, mine))]));
      // Encoded once, sent to every other member.
      const event = bytesField(17, Buffer.concat([uintField(1, chat), uintField(2, seq), bytesField(10, body)]));
      for (const peer of rooms.get(chat)) {
        if (peer !== ws) peer.send(event);
      }
    }
  });
  ws.on('close', () => {
    if (ws.room !== null) rooms.get(ws.room)?.delete(ws);
  });
  ws.on('error', () => {});
});
wss.on('listening', () => {
  const port = wss.address().port;
  if (args['ready-file']) {
    writeFileSync(args['ready-file'] + '.tmp', `${port}\n`);
    renameSync(args['ready-file'] + '.tmp', args['ready-file']);
  }
  console.error(`peer listening on 127.0.0.1:${port}`);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(0));

// The server's hand-written WebSocket framing, driven byte by byte over a raw
// socket: the handshake, control frames, fragmented messages, protocol errors.
#include <doctest/doctest.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/write.hpp>
#include <string>

#include "fixture.h"
#include "shared/proto/protocol.h"

using namespace parta;
namespace asio = boost::asio;
using tcp = asio::ip::tcp;

namespace {

struct RawWs {
  asio::io_context ioc;
  tcp::socket socket{ioc};

  // Connects and sends an upgrade with `key` and `version`; returns the response head.
  std::string handshake(const std::string& key = "dGhlIHNhbXBsZSBub25jZQ==", const std::string& version = "13") {
    socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), test::shared_port()));
    const std::string req = "GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                            "Sec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: " + version + "\r\n\r\n";
    asio::write(socket, asio::buffer(req));
    asio::streambuf buf;
    asio::read_until(socket, buf, "\r\n\r\n");
    std::string head(asio::buffers_begin(buf.data()), asio::buffers_end(buf.data()));
    return head;
  }

  // A client frame: masked, with the given first byte (FIN/opcode).
  void send_frame(std::uint8_t b0, const std::string& payload, bool masked = true) {
    std::string out;
    out.push_back(static_cast<char>(b0));
    const std::uint8_t mask[4] = {0x12, 0x34, 0x56, 0x78};
    out.push_back(static_cast<char>((masked ? 0x80 : 0) | payload.size()));  // payloads here are < 126
    if (masked) out.append(reinterpret_cast<const char*>(mask), 4);
    for (std::size_t i = 0; i < payload.size(); ++i) {
      out.push_back(static_cast<char>(payload[i] ^ (masked ? mask[i & 3] : 0)));
    }
    asio::write(socket, asio::buffer(out));
  }

  // The next server frame: {opcode, payload}.
  std::pair<int, std::string> read_frame() {
    std::uint8_t head[2];
    asio::read(socket, asio::buffer(head));
    std::size_t len = head[1] & 0x7F;
    if (len == 126) {
      std::uint8_t ext[2];
      asio::read(socket, asio::buffer(ext));
      len = (ext[0] << 8) | ext[1];
    }
    std::string payload(len, '\0');
    asio::read(socket, asio::buffer(payload));
    return {head[0] & 0x0F, payload};
  }
};

std::string ping_command(std::uint64_t request_id) {
  pb::ClientFrame frame;
  frame.set_request_id(request_id);
  frame.mutable_ping()->set_client_time_ms(42);
  return encode_frame(frame);
}

}  // namespace

TEST_CASE("[websocket] the handshake answers with the RFC 6455 accept key") {
  RawWs ws;
  const std::string head = ws.handshake();
  CHECK(head.rfind("HTTP/1.1 101", 0) == 0);
  CHECK(head.find("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n") != std::string::npos);
}

TEST_CASE("[websocket] an unsupported version is refused with 426") {
  RawWs ws;
  CHECK(ws.handshake("dGhlIHNhbXBsZSBub25jZQ==", "8").rfind("HTTP/1.1 426", 0) == 0);
}

TEST_CASE("[websocket] ping gets a pong with the same payload; fragments make one message") {
  RawWs ws;
  REQUIRE(ws.handshake().rfind("HTTP/1.1 101", 0) == 0);
  ws.send_frame(0x89, "hi");  // FIN + ping
  auto pong = ws.read_frame();
  CHECK_EQ(pong.first, 0xA);
  CHECK_EQ(pong.second, "hi");

  // A Ping command in two fragments, with a control frame between them.
  const std::string command = ping_command(7);
  ws.send_frame(0x02, command.substr(0, 3));  // binary, not final
  ws.send_frame(0x89, "");                    // ping in the middle is allowed
  ws.send_frame(0x80, command.substr(3));     // continuation, final
  CHECK_EQ(ws.read_frame().first, 0xA);
  auto reply = ws.read_frame();
  REQUIRE_EQ(reply.first, 0x2);
  auto frame = decode_server_frame(reply.second);
  REQUIRE(frame);
  CHECK_EQ(frame->request_id(), 7u);
  CHECK(frame->has_pong());
}

TEST_CASE("[websocket] an unmasked client frame closes with 1002; a close is echoed") {
  {
    RawWs ws;
    REQUIRE(ws.handshake().rfind("HTTP/1.1 101", 0) == 0);
    ws.send_frame(0x82, ping_command(1), false);
    auto close = ws.read_frame();
    CHECK_EQ(close.first, 0x8);
    REQUIRE_EQ(close.second.size(), 2u);
    CHECK_EQ((std::uint8_t(close.second[0]) << 8 | std::uint8_t(close.second[1])), 1002);
  }
  {
    RawWs ws;
    REQUIRE(ws.handshake().rfind("HTTP/1.1 101", 0) == 0);
    ws.send_frame(0x88, std::string("\x03\xe8", 2));  // close 1000
    auto close = ws.read_frame();
    CHECK_EQ(close.first, 0x8);
    CHECK_EQ(close.second, std::string("\x03\xe8", 2));
  }
}

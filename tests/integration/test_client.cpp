// The test client's transport: Beast over a private io_context, each operation
// driven by run_for() so that nothing waits forever.
#include "test_client.h"

#include <atomic>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <stdexcept>

namespace parta::test {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;

namespace {

// Runs the loop until `done` or the timeout; on timeout cancels via `cancel`
// and drains, so no handler outlives the call. Returns false on timeout.
template <class Cancel>
bool run_until(asio::io_context& ioc, const bool& done, Ms timeout, Cancel cancel) {
  ioc.restart();
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!done && std::chrono::steady_clock::now() < deadline) {
    if (ioc.run_one_until(deadline) == 0 && ioc.stopped()) break;
  }
  if (done) return true;
  cancel();
  ioc.restart();
  ioc.run_for(2s);  // let the cancelled operation complete
  return false;
}

tcp::endpoint loopback(std::uint16_t port) { return {asio::ip::make_address("127.0.0.1"), port}; }

}  // namespace

// ---------------------------------------------------------------------------
// HTTP
// ---------------------------------------------------------------------------

HttpResponse http_request(std::uint16_t port, const std::string& method, const std::string& target,
                          const std::vector<std::pair<std::string, std::string>>& headers, Ms timeout) {
  asio::io_context ioc;
  beast::tcp_stream stream(ioc);
  stream.expires_after(timeout);
  beast::flat_buffer buffer;
  http::request<http::empty_body> req{http::string_to_verb(method), target, 11};
  req.set(http::field::host, "127.0.0.1");
  req.set(http::field::connection, "close");
  for (const auto& [name, value] : headers) req.set(name, value);
  http::response_parser<http::string_body> parser;
  parser.body_limit(64 * 1024 * 1024);
  if (method == "HEAD") parser.skip(true);

  beast::error_code result;
  bool done = false;
  stream.async_connect(loopback(port), [&](beast::error_code ec) {
    if (ec) {
      result = ec;
      done = true;
      return;
    }
    http::async_write(stream, req, [&](beast::error_code wec, std::size_t) {
      if (wec) {
        result = wec;
        done = true;
        return;
      }
      http::async_read(stream, buffer, parser, [&](beast::error_code rec, std::size_t) {
        result = rec;
        done = true;
      });
    });
  });
  if (!run_until(ioc, done, timeout, [&] { stream.cancel(); }))
    throw std::runtime_error("HTTP " + target + ": timeout");
  if (result) throw std::runtime_error("HTTP " + target + ": " + result.message());

  HttpResponse out;
  const auto& res = parser.get();
  out.status = static_cast<int>(res.result_int());
  for (const auto& field : res) {
    std::string name(field.name_string());
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    out.headers[name] = std::string(field.value());
  }
  out.body = res.body();
  return out;
}

// ---------------------------------------------------------------------------
// WsClient
// ---------------------------------------------------------------------------

struct WsClient::Impl {
  asio::io_context ioc;
  websocket::stream<beast::tcp_stream> ws{ioc};
  beast::flat_buffer buffer;
  bool broken = false;  // a failed or timed-out operation: the stream is unusable
};

WsClient::WsClient(std::uint16_t port, Ms timeout) : impl_(std::make_unique<Impl>()) {
  auto& ws = impl_->ws;
  ws.read_message_max(64 * 1024 * 1024);
  ws.binary(true);
  beast::error_code result;
  bool done = false;
  auto& tcp_layer = beast::get_lowest_layer(ws);
  tcp_layer.async_connect(loopback(port), [&](beast::error_code ec) {
    if (ec) {
      result = ec;
      done = true;
      return;
    }
    ws.async_handshake("127.0.0.1:" + std::to_string(port), "/ws", [&](beast::error_code hec) {
      result = hec;
      done = true;
    });
  });
  if (!run_until(impl_->ioc, done, timeout, [&] { tcp_layer.cancel(); })) {
    throw std::runtime_error("websocket connect: timeout");
  }
  if (result) throw std::runtime_error("websocket connect: " + result.message());
}

WsClient::~WsClient() {
  if (!impl_ || impl_->broken || !impl_->ws.is_open()) return;
  // Polite close, bounded; a server that doesn't answer is just dropped.
  bool done = false;
  impl_->ws.async_close(websocket::close_code::normal, [&](beast::error_code) { done = true; });
  run_until(impl_->ioc, done, 1s, [&] { beast::get_lowest_layer(impl_->ws).cancel(); });
}

bool WsClient::is_open() const { return !impl_->broken && impl_->ws.is_open(); }

bool WsClient::send_raw(const std::string& bytes, Ms timeout) {
  beast::error_code result;
  bool done = false;
  impl_->ws.async_write(asio::buffer(bytes), [&](beast::error_code ec, std::size_t) {
    result = ec;
    done = true;
  });
  if (!run_until(impl_->ioc, done, timeout, [&] { beast::get_lowest_layer(impl_->ws).cancel(); }) || result) {
    impl_->broken = true;
    return false;
  }
  return true;
}

std::optional<std::string> WsClient::read_raw(Ms timeout) {
  if (impl_->broken) return std::nullopt;
  beast::error_code result;
  bool done = false;
  impl_->buffer.clear();
  impl_->ws.async_read(impl_->buffer, [&](beast::error_code ec, std::size_t) {
    result = ec;
    done = true;
  });
  if (!run_until(impl_->ioc, done, timeout, [&] { beast::get_lowest_layer(impl_->ws).cancel(); })) {
    impl_->broken = true;
    throw std::runtime_error("websocket read: timeout");
  }
  if (result) {
    impl_->broken = true;
    close_code_ = impl_->ws.reason().code;
    return std::nullopt;
  }
  return beast::buffers_to_string(impl_->buffer.data());
}

std::uint64_t WsClient::send(pb::ClientFrame frame) {
  frame.set_request_id(next_request_id_++);
  if (!send_raw(encode_frame(frame))) throw std::runtime_error("websocket write failed");
  return frame.request_id();
}

pb::ServerFrame WsClient::wait_reply(std::uint64_t request_id, Ms timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    const auto left = std::chrono::duration_cast<Ms>(deadline - std::chrono::steady_clock::now());
    if (left <= Ms(0)) throw std::runtime_error("no reply to request " + std::to_string(request_id));
    auto raw = read_raw(left);
    if (!raw) throw std::runtime_error("connection closed (code " + std::to_string(close_code_) + ")");
    auto frame = decode_server_frame(*raw);
    if (!frame) throw std::runtime_error("server sent an undecodable frame");
    if (frame->request_id() == 0) {
      events_.push_back(std::move(frame).value());
      continue;
    }
    if (frame->request_id() != request_id) {
      throw std::runtime_error("reply to " + std::to_string(frame->request_id()) + " while waiting for " +
                               std::to_string(request_id));
    }
    return std::move(frame).value();
  }
}

pb::ServerFrame WsClient::call(pb::ClientFrame frame, Ms timeout) {
  return wait_reply(send(std::move(frame)), timeout);
}

pb::ServerFrame WsClient::next_event(Ms timeout) {
  if (events_.empty()) {
    auto raw = read_raw(timeout);
    if (!raw) throw std::runtime_error("connection closed while waiting for an event");
    auto frame = decode_server_frame(*raw);
    if (!frame) throw std::runtime_error("server sent an undecodable frame");
    if (frame->request_id() != 0) throw std::runtime_error("unexpected reply while waiting for an event");
    return std::move(frame).value();
  }
  pb::ServerFrame out = std::move(events_.front());
  events_.pop_front();
  return out;
}

void WsClient::sync(Ms timeout) {
  pb::ClientFrame frame;
  frame.mutable_ping()->set_client_time_ms(1);
  auto reply = call(std::move(frame), timeout);
  if (!reply.has_pong()) throw std::runtime_error("sync: expected Pong");
}

pb::ServerFrame WsClient::login(const std::string& login, const std::string& password) {
  pb::ClientFrame frame;
  auto* c = frame.mutable_login();
  c->set_login(login);
  c->set_password(password);
  c->set_protocol_version(kProtocolVersion);
  return call(std::move(frame));
}

pb::ServerFrame WsClient::resume(const std::string& token) {
  pb::ClientFrame frame;
  frame.mutable_resume_session()->set_token(token);
  frame.mutable_resume_session()->set_protocol_version(kProtocolVersion);
  return call(std::move(frame));
}

pb::ServerFrame WsClient::list_chats() {
  pb::ClientFrame frame;
  frame.mutable_list_chats();
  return call(std::move(frame));
}

pb::ServerFrame WsClient::history(std::int64_t chat_id, std::uint64_t before_seq, std::uint64_t after_seq,
                                  std::uint32_t limit) {
  pb::ClientFrame frame;
  auto* c = frame.mutable_get_history();
  c->set_chat_id(chat_id);
  c->set_before_seq(before_seq);
  c->set_after_seq(after_seq);
  c->set_limit(limit);
  return call(std::move(frame));
}

pb::ServerFrame WsClient::send_message(std::int64_t chat_id, const std::string& client_id, const std::string& text) {
  pb::ClientFrame frame;
  auto* c = frame.mutable_send_message();
  c->set_chat_id(chat_id);
  c->set_client_id(client_id);
  c->set_text(text);
  return call(std::move(frame));
}

pb::ServerFrame WsClient::mark_read(std::int64_t chat_id, std::uint64_t seq) {
  pb::ClientFrame frame;
  frame.mutable_mark_read()->set_chat_id(chat_id);
  frame.mutable_mark_read()->set_seq(seq);
  return call(std::move(frame));
}

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

std::unique_ptr<WsClient> logged_in(std::uint16_t port, const std::string& login, const std::string& password) {
  auto client = std::make_unique<WsClient>(port);
  auto reply = client->login(login, password);
  if (!reply.has_login_ok()) throw std::runtime_error("login " + login + " failed: " + error_name(reply));
  return client;
}

const pb::Chat* find_chat(const pb::ServerFrame& chat_list, const std::string& title) {
  for (const auto& chat : chat_list.chat_list().chats()) {
    if (chat.title() == title) return &chat;
  }
  return nullptr;
}

std::int64_t chat_id(WsClient& client, const std::string& title) {
  auto list = client.list_chats();
  const pb::Chat* chat = find_chat(list, title);
  if (!chat) throw std::runtime_error("no chat titled " + title);
  return chat->id();
}

std::string new_client_id() {
  static std::atomic<std::uint64_t> counter{0};
  return "it-" + std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()) + "-" +
         std::to_string(++counter);
}

std::string error_name(const pb::ServerFrame& frame) {
  if (!frame.has_error()) return "OK";
  return error_code_name(frame.error().code());
}

}  // namespace parta::test

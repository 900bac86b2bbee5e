// A native Parta protocol client for the integration tests: WebSocket frames
// built with shared/proto/protocol.h, plus a tiny HTTP client. Every wait is bounded;
// a timeout or a broken connection throws, so doctest reports it as a failure.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "shared/proto/protocol.h"

namespace parta::test {

using namespace std::chrono_literals;
using Ms = std::chrono::milliseconds;
inline constexpr Ms kWait = 5s;  // generous for a 2-core machine running argon2

// ---------------------------------------------------------------------------
// HTTP
// ---------------------------------------------------------------------------

struct HttpResponse {
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  std::string header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? std::string() : it->second;
  }
};

HttpResponse http_request(std::uint16_t port, const std::string& method, const std::string& target,
                          const std::vector<std::pair<std::string, std::string>>& headers = {}, Ms timeout = kWait);

// ---------------------------------------------------------------------------
// WebSocket protocol client
// ---------------------------------------------------------------------------

class WsClient {
 public:
  explicit WsClient(std::uint16_t port, Ms timeout = kWait);  // connects to /ws or throws
  ~WsClient();
  WsClient(const WsClient&) = delete;
  WsClient& operator=(const WsClient&) = delete;

  // Sends a frame with a fresh request id (set on `frame`) and returns that id.
  std::uint64_t send(pb::ClientFrame frame);
  // Sends raw bytes as one binary message. False if the write failed.
  bool send_raw(const std::string& bytes, Ms timeout = kWait);

  // The reply to `request_id`; pushed frames that arrive first are kept for next_event().
  pb::ServerFrame wait_reply(std::uint64_t request_id, Ms timeout = kWait);
  // send() + wait_reply().
  pb::ServerFrame call(pb::ClientFrame frame, Ms timeout = kWait);
  // The next pushed frame (request_id 0), or throws on timeout.
  pb::ServerFrame next_event(Ms timeout = kWait);
  // Ping round trip; every push queued before it ends up in the event queue.
  void sync(Ms timeout = kWait);
  std::size_t pending_events() const { return events_.size(); }

  // Reads one raw message. Empty optional when the connection failed or closed;
  // then closed_code() tells the close code the server sent (0 if none).
  std::optional<std::string> read_raw(Ms timeout = kWait);
  int closed_code() const { return close_code_; }
  bool is_open() const;

  // Command helpers (each waits for its reply).
  pb::ServerFrame login(const std::string& login, const std::string& password);
  pb::ServerFrame resume(const std::string& token);
  pb::ServerFrame list_chats();
  pb::ServerFrame history(std::int64_t chat_id, std::uint64_t before_seq, std::uint64_t after_seq, std::uint32_t limit);
  pb::ServerFrame send_message(std::int64_t chat_id, const std::string& client_id, const std::string& text);
  pb::ServerFrame mark_read(std::int64_t chat_id, std::uint64_t seq);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::uint64_t next_request_id_ = 1;
  std::deque<pb::ServerFrame> events_;
  int close_code_ = 0;
};

// Demo accounts.
inline constexpr const char* kTeacher = "teacher@demo.school";
inline constexpr const char* kStudent1 = "student1@demo.school";
inline constexpr const char* kStudent2 = "student2@demo.school";
inline constexpr const char* kStudent3 = "student3@demo.school";
inline constexpr const char* kParent = "parent@demo.school";
inline constexpr const char* kTeacherPassword = "demo-teacher";
inline constexpr const char* kStudentPassword = "demo-student";
inline constexpr const char* kParentPassword = "demo-parent";

// A logged-in connection (throws unless LoginOk).
std::unique_ptr<WsClient> logged_in(std::uint16_t port, const std::string& login, const std::string& password);
// The caller's chat with this title (group title or, for direct chats, the other person).
const pb::Chat* find_chat(const pb::ServerFrame& chat_list, const std::string& title);
// Like find_chat, but throws when missing; returns the id.
std::int64_t chat_id(WsClient& client, const std::string& title);
// A unique client_id for SendMessage.
std::string new_client_id();

// "ERROR_NOT_FOUND" or "OK": makes CHECK_EQ output readable.
std::string error_name(const pb::ServerFrame& frame);

}  // namespace parta::test

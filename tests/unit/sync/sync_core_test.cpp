// The sync engine's core: replies go to the manager that sent the request,
// pushed updates through the body-case table, session events to every manager
// in registration order.
#include "shared/sync/sync_core.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "frames.h"
#include "shared/proto/protocol.h"

using namespace parta;

namespace {

// Records what reached it, as "<name>:<event>".
class Recorder : public SyncManager {
 public:
  Recorder(std::string name, std::vector<std::string>& log) : name_(std::move(name)), log_(log) {}
  void on_reply(const pb::ServerFrame& frame, int kind, ChatId chat) override {
    log_.push_back(name_ + ":reply " + std::to_string(frame.request_id()) + " kind " + std::to_string(kind) + " chat " +
                   std::to_string(chat.get()));
  }
  void on_update(const pb::ServerFrame&) override { log_.push_back(name_ + ":update"); }
  void on_connected() override { log_.push_back(name_ + ":connected"); }
  void on_session() override { log_.push_back(name_ + ":session"); }
  void on_disconnected() override { log_.push_back(name_ + ":disconnected"); }

 private:
  std::string name_;
  std::vector<std::string>& log_;
};

pb::ClientFrame list_chats() {
  pb::ClientFrame f;
  f.mutable_list_chats();
  return f;
}

}  // namespace

TEST_CASE("[sync] a reply goes to the manager that sent the request, once") {
  std::vector<std::string> log;
  SyncCore core;
  Recorder a("a", log), b("b", log);
  core.add_manager(a);
  core.add_manager(b);
  const std::uint64_t first = core.send(list_chats(), a, 3, ChatId{7});
  const std::uint64_t second = core.send(list_chats(), b);
  CHECK(first != second);
  CHECK(core.take_outgoing().size() == 2);
  CHECK(core.is_pending(a, ChatId{7}, {3}));
  CHECK_FALSE(core.is_pending(b, ChatId{7}, {3}));

  core.dispatch(frames::chat_list({}, second));
  core.dispatch(frames::chat_list({}, first));
  core.dispatch(frames::chat_list({}, first));  // no longer pending: dropped
  CHECK(log == std::vector<std::string>{"b:reply 2 kind 0 chat 0", "a:reply 1 kind 3 chat 7"});
  CHECK_FALSE(core.is_pending(a, ChatId{7}, {3}));
}

TEST_CASE("[sync] pushed updates route by body case; unclaimed ones reach the shared reducer") {
  std::vector<std::string> log;
  SyncCore core;
  Recorder chats("chats", log);
  core.add_manager(chats);
  core.route_updates(pb::ServerFrame::kChatEvent, chats);
  core.dispatch(frames::event(10, 1, 2));
  CHECK(log == std::vector<std::string>{"chats:update"});
  core.dispatch(make_error_frame(0, Status(pb::ERROR_INTERNAL, "x")));
  CHECK(log.size() == 1);
  CHECK(core.state.last_error.code() == pb::ERROR_INTERNAL);
}

TEST_CASE("[sync] socket and session events reach every manager in registration order") {
  std::vector<std::string> log;
  SyncCore core;
  Recorder a("a", log), b("b", log);
  core.add_manager(a);
  core.add_manager(b);
  core.connected();
  CHECK(core.state.connection == Connection::Connected);
  core.send(list_chats(), a);
  core.session_started();
  CHECK(core.state.connection == Connection::Online);
  CHECK(core.session_generation == 1);
  core.disconnected();
  CHECK(core.take_outgoing().empty());  // frames for the dead socket are dropped
  CHECK_FALSE(core.is_pending(a, ChatId{}, {0}));
  CHECK(log == std::vector<std::string>{"a:connected", "b:connected", "a:session", "b:session", "a:disconnected",
                                        "b:disconnected"});
}

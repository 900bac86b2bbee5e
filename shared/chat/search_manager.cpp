// The sync engine's full-text search; see search_manager.h.
#include "shared/chat/search_manager.h"

#include "shared/core/validation.h"
#include "shared/proto/protocol.h"

namespace parta {

SearchManager::SearchManager(SyncCore& core) : core_(core), search_(core.state.search) {}

Status SearchManager::search(ChatId chat, std::string_view query) {
  pb::ClientFrame frame;
  auto* cmd = frame.mutable_search_messages();
  cmd->set_chat_id(chat.valid() ? chat.get() : 0);
  cmd->set_query(std::string(query));
  cmd->set_limit(kDefaultSearchResults);
  search_ = SearchState{};
  search_.query = std::string(query);
  search_.chat = chat.valid() ? chat : ChatId{};
  request_ = 0;
  core_.changed();
  if (auto s = validate_command(frame); !s) {
    frame_.Clear();
    search_.error = s;
    return s;
  }
  frame_ = std::move(frame);
  search_.pending = true;
  send_search();
  return Status::ok();
}

void SearchManager::search_more() {
  if (search_.pending || search_.next_before_id == 0 || !frame_.has_search_messages()) return;
  frame_.mutable_search_messages()->set_before_id(search_.next_before_id);
  search_.pending = true;
  core_.changed();
  send_search();
}

void SearchManager::clear_search() {
  search_ = SearchState{};
  frame_.Clear();
  request_ = 0;
  core_.changed();
}

// Asks for the current page now, or once the session is back (on_session).
void SearchManager::send_search() {
  if (!core_.online() || !frame_.has_search_messages()) return;
  request_ = core_.send(frame_, *this);
}

void SearchManager::on_reply(const pb::ServerFrame& frame, int, ChatId) {
  if (frame.request_id() != request_) return;  // a search the user replaced
  request_ = 0;
  SearchState& s = search_;
  s.pending = false;
  if (frame.has_error()) {
    s.error = Status(frame.error().code(), frame.error().message());
    return;
  }
  if (!frame.has_search_results()) return;
  if (frame_.search_messages().before_id() == 0) s.hits.clear();  // the first page
  for (const auto& hit : frame.search_results().hits()) s.hits.push_back(hit);
  s.next_before_id = frame.search_results().next_before_id();
  s.error = Status::ok();
}

void SearchManager::on_session() {
  if (search_.pending && request_ == 0) send_search();
}

void SearchManager::on_disconnected() { request_ = 0; }  // a pending search is asked again

void SearchManager::on_user_changed() {
  search_ = SearchState{};
  frame_.Clear();
  request_ = 0;
}

void SearchManager::on_logout() {
  frame_.Clear();
  request_ = 0;
}

}  // namespace parta

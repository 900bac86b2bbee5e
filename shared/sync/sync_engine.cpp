// The client sync engine: registers the domain managers with the core and
// forwards each intent to the manager that owns it; see sync_engine.h.
#include "shared/sync/sync_engine.h"

#include "shared/proto/protocol.h"

namespace parta {

// The one place a domain is added: its manager, in the order socket and session
// events should reach it (the chat list goes out before deferred commands,
// changes and a pending search), the pushed updates it reduces, and the
// request() commands it owns.
SyncEngine::SyncEngine()
    : cache_(core_),
      session_(core_, cache_),
      chats_(core_),
      requests_(core_, session_),
      org_(core_, session_, chats_),
      changes_(core_, chats_),
      search_(core_) {
  core_.add_manager(session_);
  core_.add_manager(cache_);
  core_.add_manager(chats_);
  core_.add_manager(requests_);
  core_.add_manager(org_);
  core_.add_manager(changes_);
  core_.add_manager(search_);
  core_.route_updates(pb::ServerFrame::kChatEvent, chats_);
  core_.route_updates(pb::ServerFrame::kTyping, chats_);
  core_.route_updates(pb::ServerFrame::kReadPositionChanged, chats_);
  requests_.add_domain(session_);
  requests_.add_domain(org_);  // owns every command: last
}

// ---------------------------------------------------------------------------
// Socket events
// ---------------------------------------------------------------------------

void SyncEngine::on_connecting() {
  core_.state.connection = Connection::Connecting;
  core_.changed();
}

void SyncEngine::on_connected() { core_.connected(); }

void SyncEngine::on_disconnected() { core_.disconnected(); }

Status SyncEngine::on_bytes(std::string_view bytes) {
  auto decoded = decode_server_frame(bytes);
  if (!decoded) return decoded.status();
  core_.dispatch(decoded.value());
  return Status::ok();
}

// ---------------------------------------------------------------------------
// Intents, by manager
// ---------------------------------------------------------------------------

void SyncEngine::login(std::string_view login, std::string_view password) { session_.login(login, password); }
void SyncEngine::logout() { session_.logout(); }

void SyncEngine::open_chat(ChatId chat) { chats_.open_chat(chat); }
void SyncEngine::close_chat() { chats_.close_chat(); }
void SyncEngine::load_older(ChatId chat) { chats_.load_older(chat); }

Status SyncEngine::send_text(ChatId chat, std::string_view text, std::string client_id, std::int64_t now_ms) {
  OutgoingMessage message;
  message.text = std::string(text);
  return chats_.send_message(chat, message, std::move(client_id), now_ms);
}

Status SyncEngine::send_message(ChatId chat, const OutgoingMessage& message, std::string client_id,
                                std::int64_t now_ms) {
  return chats_.send_message(chat, message, std::move(client_id), now_ms);
}

void SyncEngine::mark_read(ChatId chat, std::uint64_t seq) { chats_.mark_read(chat, seq); }
void SyncEngine::typing(ChatId chat, std::int64_t now_ms) { chats_.typing(chat, now_ms); }
void SyncEngine::jump_to(ChatId chat, std::uint64_t seq) { chats_.jump_to(chat, seq); }
void SyncEngine::clear_jump() { chats_.clear_jump(); }
bool SyncEngine::tick(std::int64_t now_ms) { return chats_.tick(now_ms); }
std::int64_t SyncEngine::next_wakeup_ms() const { return chats_.next_wakeup_ms(); }

Status SyncEngine::edit_message(ChatId chat, std::uint64_t seq, std::string_view text,
                                std::vector<std::int64_t> mention_ids, std::int64_t now_ms) {
  return changes_.edit_message(chat, seq, text, std::move(mention_ids), now_ms);
}
Status SyncEngine::delete_message(ChatId chat, std::uint64_t seq, std::int64_t now_ms) {
  return changes_.delete_message(chat, seq, now_ms);
}
Status SyncEngine::pin_message(ChatId chat, std::uint64_t seq, bool pinned) {
  return changes_.pin_message(chat, seq, pinned);
}
Status SyncEngine::vote(ChatId chat, std::uint64_t seq, std::vector<std::uint32_t> choices) {
  return changes_.vote(chat, seq, std::move(choices));
}
Status SyncEngine::close_poll(ChatId chat, std::uint64_t seq) { return changes_.close_poll(chat, seq); }
Status SyncEngine::set_chat_settings(ChatId chat, const pb::ChatSettings& settings) {
  return changes_.set_chat_settings(chat, settings);
}
Status SyncEngine::set_member_role(ChatId chat, UserId user, pb::ChatRole role) {
  return changes_.set_member_role(chat, user, role);
}
Status SyncEngine::mute_member(ChatId chat, UserId user, bool muted) { return changes_.mute_member(chat, user, muted); }
Status SyncEngine::remove_member(ChatId chat, UserId user) { return changes_.remove_member(chat, user); }

Status SyncEngine::search(ChatId chat, std::string_view query) { return search_.search(chat, query); }
void SyncEngine::search_more() { search_.search_more(); }
void SyncEngine::clear_search() { search_.clear_search(); }

void SyncEngine::set_draft(ChatId chat, std::string text, std::uint64_t reply_to_seq) {
  cache_.set_draft(chat, std::move(text), reply_to_seq);
}
const pb::Draft* SyncEngine::draft(ChatId chat) const { return cache_.draft(chat); }
std::string SyncEngine::serialize_cache() const { return cache_.serialize_cache(); }
Status SyncEngine::restore_cache(std::string_view bytes) {
  return cache_.restore_cache(bytes, !session_.token().empty());
}

Result<std::uint64_t> SyncEngine::request(pb::ClientFrame frame) { return requests_.request(std::move(frame)); }
void SyncEngine::clear_error() { requests_.clear_error(); }
void SyncEngine::select_org(OrgId org) { org_.select_org(org); }

}  // namespace parta

// The sync engine's drafts and browser cache: what a reopened app shows at once
// (chats, recent history, drafts) before its session is back, bound to one user.
#include "shared/sync/client_cache.h"
#include "shared/sync/sync_engine.h"
#include "shared/core/validation.h"

namespace parta {

void SyncEngine::set_draft(ChatId chat, std::string text, std::uint64_t reply_to_seq) {
  if (!chat.valid()) return;
  auto it = drafts_.find(chat.get());
  if (text.empty() && reply_to_seq == 0) {
    if (it == drafts_.end()) return;
    drafts_.erase(it);
    ++revision_;
    return;
  }
  if (it != drafts_.end() && it->second.text() == text && it->second.reply_to_seq() == reply_to_seq) return;
  pb::Draft& d = drafts_[chat.get()];
  d.set_chat_id(chat.get());
  d.set_text(std::move(text));
  d.set_reply_to_seq(reply_to_seq);
  ++revision_;
}

const pb::Draft* SyncEngine::draft(ChatId chat) const {
  auto it = drafts_.find(chat.get());
  return it == drafts_.end() ? nullptr : &it->second;
}

std::string SyncEngine::serialize_cache() const {
  const UserId user = state_.me ? UserId{state_.me->id()} : cache_user_;
  if (!user.valid()) return {};  // nobody's: nothing to keep
  pb::ClientCache cache = make_client_cache(state_, user, kCachedMessagesPerChat);
  for (const auto& [chat, d] : drafts_) *cache.add_drafts() = d;
  return cache.SerializeAsString();
}

// Only with a session to resume (never on the login screen of a shared
// computer), and only before that session is synced. The cache names its user;
// the token does not, so LoginOk decides (adopt_user): another user drops it.
Status SyncEngine::restore_cache(std::string_view bytes) {
  pb::ClientCache cache;
  if (!cache.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    return {pb::ERROR_MALFORMED_FRAME, "stored cache does not parse"};
  }
  if (token_.empty()) return {pb::ERROR_UNAUTHENTICATED, "no session to show a cache for"};
  if (cache.user_id() <= 0) return {pb::ERROR_INVALID_ARGUMENT, "the cache names no user"};
  if (state_.me && state_.me->id() != cache.user_id()) return {pb::ERROR_PERMISSION_DENIED, "another user's cache"};
  const bool live = state_.chats_loaded && !state_.from_cache;
  if (!live) reduce_cached(state_, cache);  // a synced state is newer than any cache
  cache_user_ = UserId{cache.user_id()};
  for (const auto& d : cache.drafts()) {
    if (d.chat_id() <= 0 || !is_valid_utf8(d.text()) || drafts_.count(d.chat_id())) continue;
    drafts_[d.chat_id()] = d;
  }
  ++revision_;
  return Status::ok();
}

// A session was established for `user`: a cache (or drafts) of someone else goes.
void SyncEngine::adopt_user(UserId user) {
  if (cache_user_.valid() && cache_user_ != user) {
    state_.chats.clear();
    state_.chats_loaded = false;
    state_.from_cache = false;
    state_.open_chat = ChatId{};
    state_.jump_chat = ChatId{};
    state_.jump_seq = 0;
    state_.search = SearchState{};
    drafts_.clear();
    jump_.reset();
    search_frame_.Clear();
    search_request_ = 0;
    changes_waiting_.clear();
  }
  cache_user_ = user;
}

void SyncEngine::forget_user_data() {
  drafts_.clear();
  cache_user_ = UserId{};
  changes_waiting_.clear();
  changes_in_flight_.clear();
  search_frame_.Clear();
  search_request_ = 0;
  typing_sent_.clear();
  jump_.reset();
}

}  // namespace parta

// The sync engine's drafts and browser cache; see drafts_cache.h.
#include "shared/sync/drafts_cache.h"

#include "shared/core/validation.h"
#include "shared/sync/client_cache.h"

namespace parta {

DraftsCache::DraftsCache(SyncCore& core) : core_(core) {}

void DraftsCache::set_draft(ChatId chat, std::string text, std::uint64_t reply_to_seq) {
  if (!chat.valid()) return;
  auto it = drafts_.find(chat.get());
  if (text.empty() && reply_to_seq == 0) {
    if (it == drafts_.end()) return;
    drafts_.erase(it);
    core_.changed();
    return;
  }
  if (it != drafts_.end() && it->second.text() == text && it->second.reply_to_seq() == reply_to_seq) return;
  pb::Draft& d = drafts_[chat.get()];
  d.set_chat_id(chat.get());
  d.set_text(std::move(text));
  d.set_reply_to_seq(reply_to_seq);
  core_.changed();
}

const pb::Draft* DraftsCache::draft(ChatId chat) const {
  auto it = drafts_.find(chat.get());
  return it == drafts_.end() ? nullptr : &it->second;
}

std::string DraftsCache::serialize_cache() const {
  const ClientState& state = core_.state;
  const UserId user = state.me ? UserId{state.me->id()} : cache_user_;
  if (!user.valid()) return {};  // nobody's: nothing to keep
  pb::ClientCache cache = make_client_cache(state, user, kCachedMessagesPerChat);
  for (const auto& [chat, d] : drafts_) *cache.add_drafts() = d;
  return cache.SerializeAsString();
}

// Only with a session to resume (never on the login screen of a shared
// computer), and only before that session is synced. The cache names its user;
// the token does not, so LoginOk decides (adopt_user): another user drops it.
Status DraftsCache::restore_cache(std::string_view bytes, bool has_session) {
  ClientState& state = core_.state;
  pb::ClientCache cache;
  if (!cache.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    return {pb::ERROR_MALFORMED_FRAME, "stored cache does not parse"};
  }
  if (!has_session) return {pb::ERROR_UNAUTHENTICATED, "no session to show a cache for"};
  if (cache.user_id() <= 0) return {pb::ERROR_INVALID_ARGUMENT, "the cache names no user"};
  if (state.me && state.me->id() != cache.user_id()) return {pb::ERROR_PERMISSION_DENIED, "another user's cache"};
  const bool live = state.chats_loaded && !state.from_cache;
  if (!live) reduce_cached(state, cache);  // a synced state is newer than any cache
  cache_user_ = UserId{cache.user_id()};
  for (const auto& d : cache.drafts()) {
    if (d.chat_id() <= 0 || !is_valid_utf8(d.text()) || drafts_.count(d.chat_id())) continue;
    drafts_[d.chat_id()] = d;
  }
  core_.changed();
  return Status::ok();
}

void DraftsCache::adopt_user(UserId user) {
  if (cache_user_.valid() && cache_user_ != user) core_.user_changed();
  cache_user_ = user;
}

void DraftsCache::on_logout() {
  drafts_.clear();
  cache_user_ = UserId{};
}

}  // namespace parta

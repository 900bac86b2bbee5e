// The sync engine's drafts and browser cache (IndexedDB): chats, recent history
// and drafts, so a reopened app shows them at once and then syncs. Bound to one
// user: a session of another user drops what was cached (adopt_user).
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>

#include "shared/sync/sync_core.h"

namespace parta {

// Newest messages per chat kept in the browser cache.
inline constexpr std::size_t kCachedMessagesPerChat = 200;

class DraftsCache : public SyncManager {
 public:
  explicit DraftsCache(SyncCore& core);

  void set_draft(ChatId chat, std::string text, std::uint64_t reply_to_seq);
  const pb::Draft* draft(ChatId chat) const;
  std::string serialize_cache() const;
  // `has_session`: a token to resume is known (never shown on a login screen).
  Status restore_cache(std::string_view bytes, bool has_session);
  // A session was established for `user`: another user's cache is dropped by
  // every manager (SyncCore::user_changed).
  void adopt_user(UserId user);

  // --- SyncManager
  void on_reply(const pb::ServerFrame&, int, ChatId) override {}
  void on_user_changed() override { drafts_.clear(); }
  void on_logout() override;

 private:
  SyncCore& core_;
  std::map<std::int64_t, pb::Draft> drafts_;  // by chat id
  UserId cache_user_;                         // whose chats the state shows (restored cache or login)
};

}  // namespace parta

// The sync engine's full-text search: the current query's pages in
// state().search; a search the user replaced drops its late answer, and one
// cut off by a reconnect is asked again once the session is back.
#pragma once

#include <cstdint>
#include <string_view>

#include "shared/sync/sync_core.h"

namespace parta {

class SearchManager : public SyncManager {
 public:
  explicit SearchManager(SyncCore& core);

  // Chat invalid: all chats.
  Status search(ChatId chat, std::string_view query);
  void search_more();
  void clear_search();

  // --- SyncManager
  void on_reply(const pb::ServerFrame& frame, int kind, ChatId chat) override;
  void on_session() override;
  void on_disconnected() override;
  void on_user_changed() override;
  void on_logout() override;

 private:
  void send_search();

  SyncCore& core_;
  SearchState& search_;
  // The command of the current page (paging edits before_id) and the request
  // whose answer we wait for (0: none; stale answers are dropped).
  pb::ClientFrame frame_;
  std::uint64_t request_ = 0;
};

}  // namespace parta

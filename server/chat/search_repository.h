// Full-text search over stored messages. SQLite implements it with a
// contentless FTS5 index (SqliteStorage, sqlite_search.cpp); the index is kept
// up to date by the message writes themselves.
#pragma once

#include <vector>

#include "server/chat/chat_records.h"

namespace parta::server {

class SearchRepository {
 public:
  virtual ~SearchRepository() = default;

  // Folded text, newest first, in the user's chats only (membership is checked here).
  virtual Result<std::vector<SearchRow>> search_messages(const SearchQuery& query) = 0;
};

}  // namespace parta::server

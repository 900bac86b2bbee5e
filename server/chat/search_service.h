// Full-text search in one chat or in all of the caller's chats: the query is
// folded like the index (parta::fold_for_search: case, ё = е), each word must
// occur, the last one as a prefix. Membership is enforced in the SQL itself.
#pragma once

#include "server/chat/chat_repository.h"
#include "server/chat/search_repository.h"

namespace parta::server {

// The FTS5 expression for a typed query: every word quoted (no operators from
// the user), the last as a prefix. Empty when nothing searchable is left.
std::string search_expression(std::string_view query);

class SearchService {
 public:
  SearchService(ChatRepository& chats, SearchRepository& index) : chats_(chats), index_(index) {}

  Result<pb::SearchResults> search(UserId user, const pb::SearchMessages& command, std::int64_t now_ms);

 private:
  ChatRepository& chats_;
  SearchRepository& index_;
};

}  // namespace parta::server

// SearchService: query folding, paging, chat titles (see search_service.h).
#include "server/chat/search_service.h"

#include <unordered_map>

#include "server/app/wire.h"
#include "shared/core/text.h"
#include "shared/core/validation.h"

namespace parta::server {

std::string search_expression(std::string_view query) {
  const std::string folded = fold_for_search(query);
  std::vector<std::string> words;
  std::string word;
  bool searchable = false;  // a letter or digit (any non-ASCII byte counts: the tokenizer decides)
  auto flush = [&] {
    if (searchable) words.push_back(word);
    word.clear();
    searchable = false;
  };
  for (char ch : folded) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      flush();
    } else if (c == '"') {
      word += ' ';  // a quote would end the FTS5 string; it separates words anyway
    } else {
      word += ch;
      if (c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z')) searchable = true;
    }
  }
  flush();
  std::string out;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (!out.empty()) out += ' ';
    out += '"' + words[i] + '"';
    if (i + 1 == words.size()) out += '*';
  }
  return out;
}

Result<pb::SearchResults> SearchService::search(UserId user, const pb::SearchMessages& command, std::int64_t now_ms) {
  pb::SearchResults results;
  const ChatId only(command.chat_id());
  if (only.valid()) {
    auto member = chats_.is_member(only, user);
    if (!member) return member.status();
    if (!member.value()) return Status(pb::ERROR_NOT_FOUND, "no such chat");
  }
  SearchQuery query;
  query.user = user;
  query.chat = only;
  query.match = search_expression(command.query());
  if (query.match.empty()) return results;
  query.before_id = command.before_id();
  const std::uint32_t limit =
      command.limit() == 0 ? kDefaultSearchResults : std::min(command.limit(), kMaxSearchResults);
  query.limit = limit + 1;  // one more tells whether there is a next page
  auto rows = index_.search_messages(query);
  if (!rows) return rows.status();
  if (rows->size() > limit) {
    rows->resize(limit);
    results.set_next_before_id(rows->back().id);
  }
  // Titles: group chats by name, direct chats after the other person.
  std::unordered_map<std::int64_t, std::string> titles;
  for (const SearchRow& row : rows.value()) {
    auto it = titles.find(row.message.chat.get());
    if (it == titles.end()) {
      std::string title;
      auto access = chats_.chat_access(row.message.chat);
      if (!access) return access.status();
      if (access.value()) {
        title = access.value()->title;
        if (access.value()->kind == pb::CHAT_KIND_DIRECT) {
          for (const auto& m : access.value()->members) {
            if (m.user.id != user) title = m.user.display_name;
          }
        }
      }
      it = titles.emplace(row.message.chat.get(), std::move(title)).first;
    }
    pb::SearchHit* hit = results.add_hits();
    to_wire(row.message, user, now_ms, hit->mutable_message());
    hit->set_chat_title(it->second);
  }
  return results;
}

}  // namespace parta::server

// The browser cache of chats and recent history; see client_cache.h.
#include "shared/sync/client_cache.h"

#include <algorithm>

namespace parta {

pb::ClientCache make_client_cache(const ClientState& state, UserId user, std::size_t max_messages) {
  pb::ClientCache cache;
  cache.set_user_id(user.get());
  for (const ChatEntry& chat : state.chats) {
    *cache.add_chats() = to_wire_chat(chat);
    if (!chat.history_loaded) continue;
    pb::CachedHistory* h = cache.add_histories();
    h->set_chat_id(chat.id.get());
    h->set_cursor(chat.cursor);
    const std::size_t from = chat.messages.size() > max_messages ? chat.messages.size() - max_messages : 0;
    for (std::size_t i = from; i < chat.messages.size(); ++i) *h->add_messages() = to_wire_message(chat.messages[i], chat.id);
    h->set_has_older(chat.has_older || from > 0);
  }
  return cache;
}

namespace {

bool trusted_window(const pb::CachedHistory& h) {
  std::uint64_t prev = 0;
  for (const auto& m : h.messages()) {
    if (m.seq() <= prev || m.seq() > h.cursor()) return false;
    prev = m.seq();
  }
  return true;
}

}  // namespace

void reduce_cached(ClientState& state, const pb::ClientCache& cache) {
  std::vector<ChatEntry> chats;
  for (const auto& c : cache.chats()) {
    if (c.id() <= 0) continue;
    chats.push_back(to_chat_entry(c));
  }
  for (const auto& h : cache.histories()) {
    auto it = std::find_if(chats.begin(), chats.end(), [&](const ChatEntry& e) { return e.id.get() == h.chat_id(); });
    if (it == chats.end() || !trusted_window(h)) continue;
    it->messages.clear();
    for (const auto& m : h.messages()) it->messages.push_back(to_chat_message(m));
    it->cursor = h.cursor();
    it->has_older = h.has_older();
    it->history_loaded = true;
    it->last_seq = std::max(it->last_seq, it->cursor);
    it->gap = it->cursor < it->last_seq;
  }
  sort_chats(chats);
  state.chats = std::move(chats);
  state.chats_loaded = true;
  state.from_cache = true;
  if (state.open_chat.valid() && !state.find_chat(state.open_chat)) state.open_chat = ChatId{};
}

}  // namespace parta

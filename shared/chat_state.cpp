// The client chat-state reducer. Every function here is pure over ClientState.
#include "shared/chat_state.h"

#include <algorithm>

namespace parta {

const ChatEntry* ClientState::find_chat(ChatId id) const {
  for (const auto& c : chats) {
    if (c.id == id) return &c;
  }
  return nullptr;
}

ChatEntry* ClientState::find_chat(ChatId id) {
  return const_cast<ChatEntry*>(static_cast<const ClientState*>(this)->find_chat(id));
}

std::uint32_t ClientState::total_unread() const {
  std::uint32_t total = 0;
  for (const auto& c : chats) total += c.unread_count;
  return total;
}

ChatMessage to_chat_message(const pb::Message& m) {
  ChatMessage out;
  out.seq = m.seq();
  out.sender = UserId{m.sender_id()};
  out.sender_name = m.sender_name();
  out.text = m.text();
  out.sent_at_ms = m.sent_at_ms();
  out.client_id = m.client_id();
  return out;
}

void merge_messages(ChatEntry& chat, const std::vector<ChatMessage>& incoming) {
  auto& msgs = chat.messages;
  for (const auto& m : incoming) {
    auto it = std::lower_bound(msgs.begin(), msgs.end(), m.seq,
                               [](const ChatMessage& a, std::uint64_t seq) { return a.seq < seq; });
    if (it != msgs.end() && it->seq == m.seq) continue;  // duplicate
    msgs.insert(it, m);
  }
}

namespace {

bool is_mine(const ClientState& state, const ChatMessage& m) {
  return state.me && m.sender.get() == state.me->id();
}

ChatEntry from_pb(const pb::Chat& c) {
  ChatEntry e;
  e.id = ChatId{c.id()};
  e.kind = c.kind();
  e.title = c.title();
  e.members.assign(c.members().begin(), c.members().end());
  e.last_seq = c.last_seq();
  e.read_seq = c.read_seq();
  e.unread_count = c.unread_count();
  if (c.has_last_message()) e.last_message = to_chat_message(c.last_message());
  return e;
}

// Newest activity first; chats without messages last, by id for stability.
void sort_chats(std::vector<ChatEntry>& chats) {
  std::stable_sort(chats.begin(), chats.end(), [](const ChatEntry& a, const ChatEntry& b) {
    const std::int64_t ta = a.last_message ? a.last_message->sent_at_ms : 0;
    const std::int64_t tb = b.last_message ? b.last_message->sent_at_ms : 0;
    if (ta != tb) return ta > tb;
    return a.id < b.id;
  });
}

void apply_chat_list(ClientState& state, const pb::ChatList& list) {
  std::vector<ChatEntry> next;
  next.reserve(list.chats_size());
  for (const auto& c : list.chats()) {
    ChatEntry e = from_pb(c);
    if (const ChatEntry* old = state.find_chat(e.id)) {
      // Keep loaded history; the window stays valid because seqs never change.
      e.messages = old->messages;
      e.history_loaded = old->history_loaded;
      e.has_older = old->has_older;
      e.gap = e.history_loaded && e.last_seq > e.loaded_until();
    }
    if (e.id == state.open_chat) e.unread_count = 0;
    next.push_back(std::move(e));
  }
  state.chats = std::move(next);
  sort_chats(state.chats);
  state.chats_loaded = true;
  if (state.open_chat.valid() && !state.find_chat(state.open_chat)) state.open_chat = ChatId{};
}

void refresh_gap(ChatEntry& chat) {
  chat.gap = chat.history_loaded && chat.loaded_until() < chat.last_seq;
}

void apply_history(ClientState& state, const pb::History& h) {
  ChatEntry* chat = state.find_chat(ChatId{h.chat_id()});
  if (!chat) return;
  std::vector<ChatMessage> page;
  page.reserve(h.messages_size());
  for (const auto& m : h.messages()) page.push_back(to_chat_message(m));
  const std::uint64_t page_to = page.empty() ? 0 : page.back().seq;
  if (!chat->history_loaded || chat->messages.empty()) {
    // The newest page (or the first page of an empty window) defines the window.
    chat->messages.clear();
    chat->has_older = h.has_more();
    chat->history_loaded = true;
    merge_messages(*chat, page);
  } else if (!page.empty() && page_to < chat->loaded_from()) {
    chat->has_older = h.has_more();  // an older page, ends right before the window
    merge_messages(*chat, page);
  } else if (!page.empty() && page.front().seq <= chat->loaded_until() + 1) {
    merge_messages(*chat, page);   // a catch-up page, continues the window
    if (h.has_more()) chat->last_seq = std::max(chat->last_seq, page_to + 1);
  }
  chat->last_seq = std::max(chat->last_seq, page_to);
  refresh_gap(*chat);
  if (!chat->messages.empty()) {
    const ChatMessage& newest = chat->messages.back();
    if (!chat->last_message || chat->last_message->seq <= newest.seq) chat->last_message = newest;
  }
}

void add_message(ClientState& state, const ChatMessage& m, ChatId chat_id) {
  ChatEntry* chat = state.find_chat(chat_id);
  if (!chat) return;  // a chat we don't know yet: the next ListChats brings it
  // Only extend the window contiguously; anything further is a gap to catch up.
  if (chat->history_loaded && m.seq <= chat->loaded_until() + 1) merge_messages(*chat, {m});
  if (m.seq > chat->last_seq) {
    chat->last_seq = m.seq;
    chat->last_message = m;
    if (is_mine(state, m)) {
      chat->read_seq = std::max(chat->read_seq, m.seq);
    } else if (chat_id != state.open_chat) {
      ++chat->unread_count;
    } else {
      chat->read_seq = std::max(chat->read_seq, m.seq);
    }
    sort_chats(state.chats);
    chat = state.find_chat(chat_id);
  }
  refresh_gap(*chat);
}

}  // namespace

void reduce(ClientState& state, const pb::ServerFrame& frame) {
  switch (frame.body_case()) {
    case pb::ServerFrame::kLoginOk:
      state.me = frame.login_ok().me();
      state.memberships.assign(frame.login_ok().memberships().begin(), frame.login_ok().memberships().end());
      state.platform_operator = frame.login_ok().platform_operator();
      state.login_error = Status::ok();
      state.connection = Connection::Online;
      break;
    case pb::ServerFrame::kChatList:
      apply_chat_list(state, frame.chat_list());
      break;
    case pb::ServerFrame::kHistory:
      apply_history(state, frame.history());
      break;
    case pb::ServerFrame::kMessageSent:
      add_message(state, to_chat_message(frame.message_sent().message()), ChatId{frame.message_sent().message().chat_id()});
      break;
    case pb::ServerFrame::kChatEvent: {
      const auto& ev = frame.chat_event();
      if (ev.kind_case() == pb::ChatEvent::kMessageAdded) {
        add_message(state, to_chat_message(ev.message_added()), ChatId{ev.chat_id()});
      }
      break;
    }
    case pb::ServerFrame::kReadPositionChanged: {
      const auto& r = frame.read_position_changed();
      if (ChatEntry* chat = state.find_chat(ChatId{r.chat_id()})) {
        if (r.read_seq() > chat->read_seq) {
          chat->read_seq = r.read_seq();
          std::uint32_t unread = 0;
          for (const auto& m : chat->messages) unread += m.seq > chat->read_seq && !is_mine(state, m);
          chat->unread_count = std::min(chat->unread_count, unread);
        }
      }
      break;
    }
    case pb::ServerFrame::kError:
      state.last_error = Status(frame.error().code(), frame.error().message());
      break;
    case pb::ServerFrame::kAck:
    case pb::ServerFrame::kPong:
    case pb::ServerFrame::BODY_NOT_SET:
      break;
    default:  // organization replies: shared/org_state.h reduces them
      break;
  }
}

void reduce_open_chat(ClientState& state, ChatId chat_id) {
  ChatEntry* chat = state.find_chat(chat_id);
  if (!chat) return;
  state.open_chat = chat_id;
  chat->unread_count = 0;
  chat->read_seq = std::max(chat->read_seq, chat->last_seq);
}

void reduce_logged_out(ClientState& state) {
  const Connection connection = state.connection == Connection::Online ? Connection::Connected : state.connection;
  state = ClientState{};
  state.connection = connection;
}

}  // namespace parta

// The client chat-state reducer. Every function here is pure over ClientState.
//
// [SECTION] Lookups
// [SECTION] Applying one message state (events, replies, pages)
// [SECTION] Chat list, history pages, catch-up
// [SECTION] reduce()
// (Wire conversions and derived views: chat_state_views.cpp.)
//
// The window rule: a loaded chat holds the messages with seq in
// [loaded_from(), cursor], where `cursor` is the highest event seq applied
// contiguously. Events arrive in order (seq == cursor + 1) and extend it; a
// duplicate (seq <= cursor) is ignored; anything further marks a gap that the
// engine closes with a catch-up (GetHistory.after_seq = cursor). A message is
// never inserted past the hole; a newer state of a message already in the
// window (ordered by changed_seq) is taken whenever it arrives.
#include "shared/chat/chat_state.h"

#include <algorithm>

#include "shared/core/validation.h"

namespace parta {

// ---------------------------------------------------------------------------
// [SECTION] Lookups
// ---------------------------------------------------------------------------

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

void sort_chats(std::vector<ChatEntry>& chats) {
  std::stable_sort(chats.begin(), chats.end(), [](const ChatEntry& a, const ChatEntry& b) {
    const std::int64_t ta = a.last_message ? a.last_message->sent_at_ms : 0;
    const std::int64_t tb = b.last_message ? b.last_message->sent_at_ms : 0;
    if (ta != tb) return ta > tb;
    return a.id < b.id;
  });
}

// ---------------------------------------------------------------------------
// [SECTION] Applying one message state
// ---------------------------------------------------------------------------

namespace {

// Where a message state comes from. Pushed events are one broadcast for every
// member, so they may lack the viewer's own poll fields; replies (MessageSent,
// History pages and catch-up events) are encoded for the viewer.
enum class Source { Push, Reply };

bool is_mine(const ClientState& state, const ChatMessage& m) {
  return state.me && m.sender.get() == state.me->id();
}

// The my_choices rule: a broadcast poll state without the viewer's fields keeps
// the ones already known for the same poll (my_choices when it has none, the
// quiz answer when it hides it, an option's voter names when it has none).
void keep_viewer_fields(const ChatMessage& known, ChatMessage& incoming) {
  if (!known.poll || !incoming.poll) return;
  pb::Poll& in = *incoming.poll;
  const pb::Poll& old = *known.poll;
  if (in.my_choices_size() == 0) *in.mutable_my_choices() = old.my_choices();
  if (in.quiz() && in.correct_option() < 0 && old.correct_option() >= 0) in.set_correct_option(old.correct_option());
  if (in.options_size() == old.options_size()) {
    for (int i = 0; i < in.options_size(); ++i) {
      if (in.options(i).voter_ids_size() == 0) *in.mutable_options(i)->mutable_voter_ids() = old.options(i).voter_ids();
    }
  }
}

// Whether `incoming` is a state to take over `known` (same message).
bool newer(const ChatMessage& known, const ChatMessage& incoming, Source source) {
  return source == Source::Reply ? incoming.changed_seq >= known.changed_seq : incoming.changed_seq > known.changed_seq;
}

void replace(ChatMessage& known, ChatMessage incoming, Source source) {
  if (source == Source::Push) keep_viewer_fields(known, incoming);
  known = std::move(incoming);
}

// Puts a message state into the window: replaces a loaded message with a newer
// state, or appends one past the end when `may_append`. True if anything changed.
bool upsert(ChatEntry& chat, const ChatMessage& m, bool may_append, Source source) {
  auto& msgs = chat.messages;
  auto it = std::lower_bound(msgs.begin(), msgs.end(), m.seq,
                             [](const ChatMessage& a, std::uint64_t seq) { return a.seq < seq; });
  if (it != msgs.end() && it->seq == m.seq) {
    if (!newer(*it, m, source)) return false;
    replace(*it, m, source);
    return true;
  }
  if (!may_append || it != msgs.end()) return false;
  msgs.push_back(m);
  return true;
}

void refresh_gap(ChatEntry& chat) {
  chat.gap = chat.history_loaded && chat.cursor < chat.last_seq;
}

void set_pinned(ChatEntry& chat, std::uint64_t seq, bool pinned) {
  auto it = std::find(chat.pinned_seqs.begin(), chat.pinned_seqs.end(), seq);
  if (pinned && it == chat.pinned_seqs.end()) chat.pinned_seqs.insert(chat.pinned_seqs.begin(), seq);
  if (!pinned && it != chat.pinned_seqs.end()) chat.pinned_seqs.erase(it);
}

enum class Kind { Added, Changed };

// Applies one message state that the event `event_seq` produced. `catch_up`:
// part of a catch-up answer, which covers everything after the cursor (its
// current-state form may skip seqs, so a jump is not a gap there).
void apply_message(ClientState& state, ChatEntry& chat, ChatMessage m, std::uint64_t event_seq, Kind kind,
                   Source source, bool catch_up) {
  if (kind == Kind::Changed) m.changed_seq = std::max(m.changed_seq, event_seq);
  const ChatId chat_id = chat.id;
  const std::uint64_t last_before = chat.last_seq;
  const bool fresh = event_seq > last_before;  // news to the summary (last_seq counts every event)

  // What we knew of it before (for the unread count of a deletion).
  const ChatMessage* known = chat.find_message(m.seq);
  if (!known && chat.last_message && chat.last_message->seq == m.seq) known = &*chat.last_message;
  const bool deleted_now = kind == Kind::Changed && m.deleted && known && !known->deleted;

  // The window.
  bool in_order = false;
  bool applied = false;
  if (chat.history_loaded) {
    const std::uint64_t cursor = chat.cursor;
    in_order = catch_up ? event_seq > cursor : event_seq == cursor + 1;
    if (m.seq <= cursor) applied = upsert(chat, m, false, source);  // a message in the window: newest state wins
    else if (in_order) applied = upsert(chat, m, true, source);     // extends the window
    if (in_order) chat.cursor = event_seq;
  }

  // The summary: last message, pins, counters.
  chat.last_seq = std::max(chat.last_seq, event_seq);
  bool resort = false;
  if (!chat.last_message || m.seq > chat.last_message->seq) {
    if (fresh || in_order) {
      resort = !chat.last_message || chat.last_message->sent_at_ms != m.sent_at_ms;
      chat.last_message = m;
    }
  } else if (chat.last_message->seq == m.seq && newer(*chat.last_message, m, source)) {
    replace(*chat.last_message, m, source);
  }
  if (fresh || in_order || applied) set_pinned(chat, m.seq, m.pinned);
  if (kind == Kind::Added && fresh) {
    std::erase_if(chat.typing, [&](const TypingMember& t) { return t.user == m.sender; });
    if (is_mine(state, m) || chat_id == state.open_chat) chat.read_seq = std::max(chat.read_seq, m.seq);
    else ++chat.unread_count;
  }
  if (deleted_now && !is_mine(state, m) && m.seq > chat.read_seq && chat.unread_count > 0) --chat.unread_count;
  refresh_gap(chat);
  if (resort) sort_chats(state.chats);  // invalidates `chat`
}

// A chat's settings or members changed (or we were removed: the chat goes).
// Returns false when the chat was dropped.
bool apply_chat_changed(ClientState& state, ChatEntry& chat, const pb::ChatChanged& c, std::uint64_t event_seq,
                        bool catch_up) {
  if (c.removed()) {
    const ChatId id = chat.id;
    std::erase_if(state.chats, [&](const ChatEntry& e) { return e.id == id; });
    if (state.open_chat == id) state.open_chat = ChatId{};
    if (state.jump_chat == id) {
      state.jump_chat = ChatId{};
      state.jump_seq = 0;
    }
    return false;
  }
  const bool fresh = event_seq > chat.last_seq;
  bool in_order = false;
  if (chat.history_loaded) {
    in_order = catch_up ? event_seq > chat.cursor : event_seq == chat.cursor + 1;
    if (in_order) chat.cursor = event_seq;
  }
  if (fresh || in_order) {
    if (c.has_settings()) chat.settings = c.settings();
    if (c.chat_members_size() > 0) chat.chat_members.assign(c.chat_members().begin(), c.chat_members().end());
    if (c.members_size() > 0) chat.members.assign(c.members().begin(), c.members().end());
  }
  chat.last_seq = std::max(chat.last_seq, event_seq);
  refresh_gap(chat);
  return true;
}

// One ChatEvent (pushed, or inside a catch-up). Returns false if the chat was dropped.
bool apply_event(ClientState& state, ChatEntry& chat, const pb::ChatEvent& ev, Source source, bool catch_up) {
  switch (ev.kind_case()) {
    case pb::ChatEvent::kMessageAdded: {
      const std::uint64_t seq = ev.seq() ? ev.seq() : ev.message_added().seq();
      apply_message(state, chat, to_chat_message(ev.message_added()), seq, Kind::Added, source, catch_up);
      return true;
    }
    case pb::ChatEvent::kMessageChanged: {
      ChatMessage m = to_chat_message(ev.message_changed());
      const std::uint64_t seq = ev.seq() ? ev.seq() : m.changed_seq;
      apply_message(state, chat, std::move(m), seq, Kind::Changed, source, catch_up);
      return true;
    }
    case pb::ChatEvent::kChatChanged:
      return apply_chat_changed(state, chat, ev.chat_changed(), ev.seq(), catch_up);
    case pb::ChatEvent::KIND_NOT_SET: {
      // An event of a kind this client does not know: it still took a seq.
      if (chat.history_loaded && (catch_up ? ev.seq() > chat.cursor : ev.seq() == chat.cursor + 1)) chat.cursor = ev.seq();
      chat.last_seq = std::max(chat.last_seq, ev.seq());
      refresh_gap(chat);
      return true;
    }
  }
  return true;
}

// ---------------------------------------------------------------------------
// [SECTION] Chat list, history pages, catch-up
// ---------------------------------------------------------------------------

void apply_chat_list(ClientState& state, const pb::ChatList& list) {
  std::vector<ChatEntry> next;
  next.reserve(list.chats_size());
  for (const auto& c : list.chats()) {
    ChatEntry e = to_chat_entry(c);
    if (const ChatEntry* old = state.find_chat(e.id)) {
      e.typing = old->typing;
      // Keep the loaded window: seqs never change, so it stays valid up to its
      // cursor. Events pushed while the list was on its way may be newer than it.
      e.messages = old->messages;
      e.history_loaded = old->history_loaded;
      e.has_older = old->has_older;
      e.cursor = old->cursor;
      e.last_seq = std::max(e.last_seq, old->history_loaded ? old->cursor : 0);
      if (old->last_message && (!e.last_message || old->last_message->changed_seq > e.last_message->changed_seq) &&
          (!e.last_message || old->last_message->seq >= e.last_message->seq)) {
        e.last_message = old->last_message;
      }
    }
    if (e.id == state.open_chat) e.unread_count = 0;
    refresh_gap(e);
    next.push_back(std::move(e));
  }
  state.chats = std::move(next);
  sort_chats(state.chats);
  state.chats_loaded = true;
  state.from_cache = false;
  if (state.open_chat.valid() && !state.find_chat(state.open_chat)) state.open_chat = ChatId{};
}

std::vector<ChatMessage> page_of(const pb::History& h) {
  std::vector<ChatMessage> page;
  page.reserve(h.messages_size());
  for (const auto& m : h.messages()) page.push_back(to_chat_message(m));
  std::sort(page.begin(), page.end(), [](const ChatMessage& a, const ChatMessage& b) { return a.seq < b.seq; });
  return page;
}

// The newest page or a snapshot: it defines the window.
void reset_window(ClientState& state, ChatEntry& chat, const pb::History& h) {
  chat.messages.clear();
  merge_messages(chat, page_of(h));
  chat.has_older = h.has_more();
  chat.history_loaded = true;
  chat.cursor = std::max(h.last_seq(), chat.messages.empty() ? 0 : chat.messages.back().seq);
  chat.last_seq = std::max(chat.last_seq, chat.cursor);
  if (!chat.messages.empty()) {
    const ChatMessage& newest = chat.messages.back();
    const bool newer_msg = !chat.last_message || chat.last_message->seq < newest.seq;
    if (newer_msg || (chat.last_message->seq == newest.seq && newest.changed_seq >= chat.last_message->changed_seq)) {
      const bool resort = !chat.last_message || chat.last_message->sent_at_ms != newest.sent_at_ms;
      chat.last_message = newest;
      refresh_gap(chat);
      if (resort) sort_chats(state.chats);
      return;
    }
  }
  refresh_gap(chat);
}

void apply_older(ChatEntry& chat, const pb::History& h) {
  std::vector<ChatMessage> page = page_of(h);
  std::erase_if(page, [&](const ChatMessage& m) { return m.seq > chat.cursor; });
  merge_messages(chat, page);
  chat.has_older = h.has_more();
}

void apply_catch_up(ClientState& state, ChatEntry& chat, const pb::History& h) {
  const ChatId id = chat.id;
  for (const auto& ev : h.events()) {
    ChatEntry* c = state.find_chat(id);  // sorting may move it
    if (!c || !apply_event(state, *c, ev, Source::Reply, true)) return;
  }
  ChatEntry* c = state.find_chat(id);
  if (!c) return;
  // Without more to come, the answer covered everything up to last_seq.
  if (!h.has_more()) c->cursor = std::max(c->cursor, h.last_seq());
  c->last_seq = std::max({c->last_seq, h.last_seq(), c->cursor});
  refresh_gap(*c);
}

HistoryPage classify(const ChatEntry& chat, const pb::History& h) {
  if (h.snapshot() || h.events_size() > 0) return HistoryPage::CatchUp;
  if (!chat.history_loaded) return HistoryPage::Newest;
  if (h.messages_size() > 0) {
    std::uint64_t newest = 0;
    for (const auto& m : h.messages()) newest = std::max(newest, m.seq());
    if (!chat.messages.empty() && newest < chat.loaded_from()) return HistoryPage::Older;
    return HistoryPage::Newest;
  }
  return HistoryPage::CatchUp;  // an empty page of a loaded chat: treated as "nothing new" (see below)
}

}  // namespace

void merge_messages(ChatEntry& chat, const std::vector<ChatMessage>& incoming) {
  auto& msgs = chat.messages;
  for (const auto& m : incoming) {
    auto it = std::lower_bound(msgs.begin(), msgs.end(), m.seq,
                               [](const ChatMessage& a, std::uint64_t seq) { return a.seq < seq; });
    if (it != msgs.end() && it->seq == m.seq) {
      if (m.changed_seq > it->changed_seq) *it = m;
      continue;
    }
    msgs.insert(it, m);
  }
}

void reduce_history(ClientState& state, const pb::History& h, HistoryPage page) {
  ChatEntry* chat = state.find_chat(ChatId{h.chat_id()});
  if (!chat) return;
  switch (page) {
    case HistoryPage::Newest:
      reset_window(state, *chat, h);
      return;
    case HistoryPage::Older:
      if (!chat->history_loaded) return reset_window(state, *chat, h);
      apply_older(*chat, h);
      return;
    case HistoryPage::CatchUp:
      if (h.snapshot() || !chat->history_loaded) return reset_window(state, *chat, h);
      apply_catch_up(state, *chat, h);
      return;
  }
}

// ---------------------------------------------------------------------------
// [SECTION] reduce()
// ---------------------------------------------------------------------------

namespace {

void apply_typing(ClientState& state, const pb::Typing& t) {
  ChatEntry* chat = state.find_chat(ChatId{t.chat_id()});
  if (!chat || (state.me && state.me->id() == t.user_id()) || t.user_id() <= 0) return;
  const std::int64_t until = state.now_ms + kTypingShowMs;
  for (auto& member : chat->typing) {
    if (member.user.get() == t.user_id()) {
      member.until_ms = until;
      member.name = t.display_name();
      return;
    }
  }
  chat->typing.push_back(TypingMember{UserId{t.user_id()}, t.display_name(), until});
}

void apply_read_position(ClientState& state, const pb::ReadPositionChanged& r) {
  ChatEntry* chat = state.find_chat(ChatId{r.chat_id()});
  if (!chat) return;
  const bool own = r.user_id() == 0 || (state.me && r.user_id() == state.me->id());
  const std::int64_t user = own && state.me ? state.me->id() : r.user_id();
  for (auto& m : chat->chat_members) {
    if (m.user_id() == user && r.read_seq() > m.read_seq()) m.set_read_seq(r.read_seq());
  }
  if (!own || r.read_seq() <= chat->read_seq) return;
  chat->read_seq = r.read_seq();
  std::uint32_t unread = 0;
  for (const auto& m : chat->messages) unread += m.seq > chat->read_seq && !is_mine(state, m) && !m.deleted;
  chat->unread_count = std::min(chat->unread_count, unread);
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
    case pb::ServerFrame::kHistory: {
      const ChatEntry* chat = state.find_chat(ChatId{frame.history().chat_id()});
      if (!chat) break;
      const HistoryPage page = classify(*chat, frame.history());
      const pb::History& h = frame.history();
      if (page == HistoryPage::CatchUp && !h.snapshot() && h.events_size() == 0) {
        // Empty: a catch-up with nothing new or the end of older history; only
        // the engine knows which (reduce_history). Take the news of last_seq only.
        ChatEntry* c = state.find_chat(ChatId{h.chat_id()});
        c->last_seq = std::max(c->last_seq, h.last_seq());
        refresh_gap(*c);
        break;
      }
      reduce_history(state, h, page);
      break;
    }
    case pb::ServerFrame::kMessageSent: {
      // The reply to our own send, edit, delete, pin, vote or close: encoded for
      // us. Its state applies, but the cursor moves only if it is the next event.
      const pb::Message& wire = frame.message_sent().message();
      ChatEntry* chat = state.find_chat(ChatId{wire.chat_id()});
      if (!chat) break;
      ChatMessage m = to_chat_message(wire);
      const Kind kind = m.changed_seq == m.seq ? Kind::Added : Kind::Changed;
      const std::uint64_t seq = m.changed_seq;
      apply_message(state, *chat, std::move(m), seq, kind, Source::Reply, false);
      break;
    }
    case pb::ServerFrame::kChatEvent: {
      const auto& ev = frame.chat_event();
      ChatEntry* chat = state.find_chat(ChatId{ev.chat_id()});
      if (!chat) break;  // a chat we don't know yet: the next ListChats brings it
      apply_event(state, *chat, ev, Source::Push, false);
      break;
    }
    case pb::ServerFrame::kTyping:
      apply_typing(state, frame.typing());
      break;
    case pb::ServerFrame::kReadPositionChanged:
      apply_read_position(state, frame.read_position_changed());
      break;
    case pb::ServerFrame::kError:
      state.last_error = Status(frame.error().code(), frame.error().message());
      break;
    case pb::ServerFrame::kAck:
    case pb::ServerFrame::kPong:
    case pb::ServerFrame::kSearchResults:  // the engine keeps search paging (SearchState)
    case pb::ServerFrame::BODY_NOT_SET:
      break;
    default:  // organization replies: shared/org/org_state.h reduces them
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
  const std::int64_t now = state.now_ms;
  state = ClientState{};
  state.connection = connection;
  state.now_ms = now;
}

bool reduce_expire_typing(ClientState& state, std::int64_t now_ms) {
  bool dropped = false;
  for (auto& chat : state.chats) {
    dropped |= std::erase_if(chat.typing, [&](const TypingMember& t) { return t.until_ms <= now_ms; }) > 0;
  }
  return dropped;
}

}  // namespace parta

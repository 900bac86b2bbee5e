// Chat state, read-only side: lookups, conversions to and from the wire (also
// used by the browser cache), and views derived from the state (read_by,
// chat_actor, mentions_me). Pure.
#include <algorithm>

#include "shared/chat/chat_state.h"
#include "shared/org/policy.h"

namespace parta {

const ChatMessage* ChatEntry::find_message(std::uint64_t seq) const {
  auto it = std::lower_bound(messages.begin(), messages.end(), seq,
                             [](const ChatMessage& a, std::uint64_t s) { return a.seq < s; });
  return it != messages.end() && it->seq == seq ? &*it : nullptr;
}

const pb::ChatMember* ChatEntry::find_member(UserId user) const {
  for (const auto& m : chat_members) {
    if (m.user_id() == user.get()) return &m;
  }
  return nullptr;
}

ChatMessage to_chat_message(const pb::Message& m) {
  ChatMessage out;
  out.seq = m.seq();
  out.sender = UserId{m.sender_id()};
  out.sender_name = m.sender_name();
  out.text = m.text();
  out.sent_at_ms = m.sent_at_ms();
  out.client_id = m.client_id();
  if (m.has_reply_to()) out.reply_to = m.reply_to();
  out.edited_at_ms = m.edited_at_ms();
  out.deleted = m.deleted();
  out.pinned = m.pinned();
  out.mention_ids.assign(m.mention_ids().begin(), m.mention_ids().end());
  if (m.has_poll()) out.poll = m.poll();
  // Servers before changed_seq existed send 0: the creation is the latest change.
  out.changed_seq = std::max(m.changed_seq(), m.seq());
  return out;
}

pb::Message to_wire_message(const ChatMessage& m, ChatId chat) {
  pb::Message out;
  out.set_chat_id(chat.get());
  out.set_seq(m.seq);
  out.set_sender_id(m.sender.get());
  out.set_sender_name(m.sender_name);
  out.set_text(m.text);
  out.set_sent_at_ms(m.sent_at_ms);
  out.set_client_id(m.client_id);
  if (m.reply_to) *out.mutable_reply_to() = *m.reply_to;
  out.set_edited_at_ms(m.edited_at_ms);
  out.set_deleted(m.deleted);
  out.set_pinned(m.pinned);
  for (std::int64_t id : m.mention_ids) out.add_mention_ids(id);
  if (m.poll) *out.mutable_poll() = *m.poll;
  out.set_changed_seq(m.changed_seq);
  return out;
}

ChatEntry to_chat_entry(const pb::Chat& c) {
  ChatEntry e;
  e.id = ChatId{c.id()};
  e.kind = c.kind();
  e.org = OrgId{c.org_id()};
  e.title = c.title();
  e.members.assign(c.members().begin(), c.members().end());
  e.settings = c.settings();
  e.chat_members.assign(c.chat_members().begin(), c.chat_members().end());
  e.pinned_seqs.assign(c.pinned_seqs().begin(), c.pinned_seqs().end());
  e.last_seq = c.last_seq();
  e.read_seq = c.read_seq();
  e.unread_count = c.unread_count();
  if (c.has_last_message()) e.last_message = to_chat_message(c.last_message());
  return e;
}

pb::Chat to_wire_chat(const ChatEntry& e) {
  pb::Chat c;
  c.set_id(e.id.get());
  c.set_kind(e.kind);
  c.set_org_id(e.org.get());
  c.set_title(e.title);
  c.set_last_seq(e.last_seq);
  c.set_read_seq(e.read_seq);
  c.set_unread_count(e.unread_count);
  if (e.last_message) *c.mutable_last_message() = to_wire_message(*e.last_message, e.id);
  for (const auto& u : e.members) *c.add_members() = u;
  *c.mutable_settings() = e.settings;
  for (const auto& m : e.chat_members) *c.add_chat_members() = m;
  for (std::uint64_t s : e.pinned_seqs) c.add_pinned_seqs(s);
  return c;
}

// ---------------------------------------------------------------------------
// [SECTION] Derived views
// ---------------------------------------------------------------------------

ReadBy read_by(const ChatEntry& chat, std::uint64_t seq, UserId sender) {
  ReadBy out;
  for (const auto& m : chat.chat_members) {
    if (m.user_id() == sender.get()) continue;
    ++out.of;
    out.read += m.read_seq() >= seq;
  }
  return out;
}

ChatActor chat_actor(const ClientState& state, const ChatEntry& chat) {
  ChatActor actor;
  if (!state.me) return actor;
  actor.user = UserId{state.me->id()};
  // The org role in the chat's organization; a chat listed without its org (an
  // older server) falls back to the active organization (LoginOk.me).
  if (const pb::Membership* m = chat.org.valid() ? find_membership(state.memberships, chat.org) : nullptr) {
    actor.org_role = m->role();
    actor.verified = m->verified_teacher();
    actor.org_suspended = m->org_status() == pb::ORG_STATUS_SUSPENDED;
  } else {
    actor.org_role = state.me->role();
    actor.verified = state.me->verified_teacher();
    // Only when every organization we belong to is suspended do we know ours is.
    actor.org_suspended = !state.memberships.empty() &&
                          std::all_of(state.memberships.begin(), state.memberships.end(),
                                      [](const pb::Membership& m) { return m.org_status() == pb::ORG_STATUS_SUSPENDED; });
  }
  if (const pb::ChatMember* member = chat.find_member(actor.user)) {
    actor.chat_role = effective_chat_role(member->role(), actor.org_role, actor.verified);
    actor.muted = member->muted();
  } else if (chat.chat_members.empty()) {
    // A chat listed without its roster (an older server): the default role.
    actor.chat_role = default_chat_role(actor.org_role, actor.verified);
  }
  return actor;
}

ChatTarget chat_target(const ChatEntry& chat, std::int64_t now_ms) {
  ChatTarget t;
  if (chat.kind != pb::CHAT_KIND_UNSPECIFIED) t.kind = chat.kind;
  t.post_policy = chat.settings.post_policy();
  t.poll_policy = chat.settings.poll_policy();
  t.now_ms = now_ms;
  return t;
}

ChatTarget message_target(const ChatEntry& chat, const ChatMessage& message, std::int64_t now_ms) {
  ChatTarget t = chat_target(chat, now_ms);
  t.author = message.sender;
  t.sent_at_ms = message.sent_at_ms;
  t.is_poll = message.poll.has_value();
  return t;
}

bool mentions_me(const ClientState& state, const ChatMessage& message) {
  if (!state.me) return false;
  return std::find(message.mention_ids.begin(), message.mention_ids.end(), state.me->id()) != message.mention_ids.end();
}

}  // namespace parta

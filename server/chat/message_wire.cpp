// Messages, polls and chat members on the wire (see wire.h).
#include <algorithm>

#include "server/app/wire.h"
#include "shared/chat/chat_policy.h"
#include "shared/chat/polls.h"
#include "shared/core/validation.h"

namespace parta::server {

namespace {

// The first `chars` code points of valid UTF-8.
std::string utf8_prefix(const std::string& text, std::size_t chars) {
  std::size_t i = 0;
  for (std::size_t n = 0; i < text.size() && n < chars; ++n) {
    const auto c = static_cast<unsigned char>(text[i]);
    i += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  }
  return text.substr(0, std::min(i, text.size()));
}

}  // namespace

std::vector<std::uint32_t> choices_of(const MessageRecord& message, UserId viewer) {
  std::vector<std::uint32_t> out;
  for (const VoteRecord& v : message.votes) {
    if (v.user == viewer) out.push_back(v.option);
  }
  std::sort(out.begin(), out.end());
  return out;
}

void to_wire(const MessageRecord& message, UserId viewer, std::int64_t now_ms, pb::Message* out) {
  out->set_chat_id(message.chat.get());
  out->set_seq(message.seq);
  out->set_sender_id(message.sender.get());
  out->set_sender_name(message.sender_name);
  out->set_sent_at_ms(message.sent_at_ms);
  out->set_changed_seq(std::max(message.changed_seq, message.seq));
  if (message.sender == viewer) out->set_client_id(message.client_id);
  if (message.reply) {
    auto* reply = out->mutable_reply_to();
    reply->set_seq(message.reply->seq);
    reply->set_sender_id(message.reply->sender.get());
    reply->set_sender_name(message.reply->sender_name);
    reply->set_deleted(message.reply->deleted);
    if (!message.reply->deleted) reply->set_text(utf8_prefix(message.reply->text, kReplyPreviewChars));
  }
  out->set_edited_at_ms(message.edited_at_ms);
  if (message.deleted) {
    out->set_deleted(true);
    return;  // no text, mentions, pin or poll
  }
  out->set_text(message.text);
  out->set_pinned(message.pinned_seq > 0);
  for (std::int64_t id : message.mention_ids) out->add_mention_ids(id);
  if (message.is_poll()) {
    pb::PollDraft draft;
    if (!draft.ParseFromString(message.poll)) return;  // never stored that way; nothing to show
    std::vector<PollVote> votes;
    votes.reserve(message.votes.size());
    for (const VoteRecord& v : message.votes) votes.push_back(PollVote{v.user, v.option});
    *out->mutable_poll() = tally_poll(draft, message.poll_closed, votes, viewer, message.sender, now_ms);
  }
}

void to_wire(const ChatMemberRecord& member, pb::ChatMember* out) {
  out->set_user_id(member.user.id.get());
  out->set_role(effective_chat_role(member.role, member.user.role, member.user.verified_teacher));
  out->set_muted(member.muted);
  out->set_read_seq(member.read_seq);
}

void to_wire(const ChatAccess& chat, pb::ChatSettings* out) {
  out->set_post_policy(chat.post_policy);
  out->set_poll_policy(chat.poll_policy);
}

void to_wire(const ChatAccess& chat, pb::ChatChanged* out) {
  to_wire(chat, out->mutable_settings());
  for (const ChatMemberRecord& member : chat.members) {
    to_wire(member, out->add_chat_members());
    to_wire(member.user, out->add_members());
  }
}

}  // namespace parta::server

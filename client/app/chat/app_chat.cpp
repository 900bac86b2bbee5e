// The app's chat side: the chat views' intents (chat_intents.h) turned into
// SyncEngine calls. A refusal shows where the person acted: the composer's
// error line.
#include "client/app/shell/app.h"
#include "client/platform/platform.h"

namespace parta::ui {

void App::apply_chat(ChatIntents& in) {
  if (in.mute_chat) set_chat_muted(in.mute_chat->first, in.mute_chat->second);
  if (in.open_chat.valid()) engine_.open_chat(in.open_chat);
  if (in.close_chat) engine_.close_chat();
  if (in.load_older.valid()) engine_.load_older(in.load_older);
  if (in.send) {
    const Status sent = engine_.send_message(in.send->chat, in.send->message, platform::random_id(), platform::now_ms());
    if (!sent.is_ok()) view_.chat.open.composer.send_error = i18n_.error(sent.code());
  }
  for (ChatOp& op : in.ops) apply_chat_op(op);
  if (in.mark_read) engine_.mark_read(in.mark_read->first, in.mark_read->second);
  if (in.discard) {
    engine_.outbox().discard(*in.discard);
    persisted_revision_ = ~0ull;  // the engine's revision does not see this one
    view_.wants_frame = true;
  }
}

// One view intent on a chat -> one engine call (a policy refusal, a closed poll: an error).
void App::apply_chat_op(ChatOp& op) {
  const std::int64_t now = platform::now_ms();
  Status st;
  switch (op.kind) {
    case ChatOp::Kind::Edit: st = engine_.edit_message(op.chat, op.seq, op.text, std::move(op.ids), now); break;
    case ChatOp::Kind::Delete: st = engine_.delete_message(op.chat, op.seq, now); break;
    case ChatOp::Kind::Pin: st = engine_.pin_message(op.chat, op.seq, op.flag); break;
    case ChatOp::Kind::Vote: st = engine_.vote(op.chat, op.seq, std::move(op.choices)); break;
    case ChatOp::Kind::ClosePoll: st = engine_.close_poll(op.chat, op.seq); break;
    case ChatOp::Kind::Settings: st = engine_.set_chat_settings(op.chat, op.settings); break;
    case ChatOp::Kind::MemberRole: st = engine_.set_member_role(op.chat, UserId{op.user}, op.role); break;
    case ChatOp::Kind::Mute: st = engine_.mute_member(op.chat, UserId{op.user}, op.flag); break;
    case ChatOp::Kind::Remove: st = engine_.remove_member(op.chat, UserId{op.user}); break;
    case ChatOp::Kind::Typing: engine_.typing(op.chat, now); break;
    case ChatOp::Kind::Search: st = engine_.search(op.chat, op.text); break;
    case ChatOp::Kind::SearchMore: engine_.search_more(); break;
    case ChatOp::Kind::ClearSearch: engine_.clear_search(); break;
    case ChatOp::Kind::Jump: engine_.jump_to(op.chat, op.seq); break;
    case ChatOp::Kind::ClearJump: engine_.clear_jump(); break;
    case ChatOp::Kind::Draft: engine_.set_draft(op.chat, std::move(op.text), op.seq); break;
  }
  if (!st.is_ok()) view_.chat.open.composer.send_error = i18n_.error(st.code());
}

}  // namespace parta::ui

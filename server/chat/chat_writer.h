// Durable chat changes: a piece of work that reads the chat (settings, members,
// roles) and writes through a MessageRepository, run by the commit writer
// (group commit on its own connection; the chat comes from its cache) or,
// without one, at once on the I/O thread's repositories. `done` runs on the I/O
// thread only after the commit: a reply sent from it is a promise kept. Also the
// chat-policy glue: who is acting, on what.
#pragma once

#include <functional>
#include <memory>

#include "server/chat/chat_repository.h"
#include "server/chat/message_repository.h"
#include "server/storage/commit_writer.h"
#include "shared/chat/chat_policy.h"

namespace parta::server {

// The policy's view of `user` in `chat` (chat_role UNSPECIFIED: not a member).
inline ChatActor actor_in(const ChatAccess& chat, UserId user) {
  ChatActor actor;
  actor.user = user;
  if (const ChatMemberRecord* m = chat.find(user)) {
    actor.org_role = m->user.role;
    actor.verified = m->user.verified_teacher;
    actor.chat_role = effective_chat_role(m->role, actor.org_role, actor.verified);
    actor.muted = m->muted;
  }
  return actor;
}

// The chat as a policy target (settings, kind); callers add the message or member.
inline ChatTarget target_of(const ChatAccess& chat, std::int64_t now_ms) {
  ChatTarget target;
  target.kind = chat.kind;
  target.post_policy = chat.post_policy;
  target.poll_policy = chat.poll_policy;
  target.now_ms = now_ms;
  return target;
}

// The chat domain's group-commit writer (CommitQueue implements it).
using ChatCommitWriter = CommitWriter<ChatWriteScope>;

class ChatWriter {
 public:
  ChatWriter(ChatRepository& chats, MessageRepository& messages, ChatCommitWriter* commits)
      : chats_(chats), messages_(messages), commits_(commits) {}

  // `chat` is null when there is no such chat.
  template <class T>
  using Work = std::function<Result<T>(MessageRepository&, const ChatAccess* chat)>;
  template <class T>
  using Done = std::function<void(Result<T>)>;

  template <class T>
  void run(ChatId chat, Work<T> work, Done<T> done) {
    if (!commits_) {
      auto access = chats_.chat_access(chat);
      if (!access) return done(access.status());
      return done(work(messages_, access.value() ? &*access.value() : nullptr));
    }
    // The result travels from the storage thread back with the continuation.
    struct Pending {
      Result<T> result{Status(pb::ERROR_INTERNAL, "not stored")};
    };
    auto pending = std::make_shared<Pending>();
    commits_->submit([pending, chat, work = std::move(work)](
                         ChatWriteScope& scope) { pending->result = work(scope.messages(), scope.chat_access(chat)); },
                     [pending, done = std::move(done)](Status committed) {
                       if (!committed) return done(committed);  // rolled back: the client retries
                       done(std::move(pending->result));
                     });
  }

 private:
  ChatRepository& chats_;
  MessageRepository& messages_;
  ChatCommitWriter* commits_;
};

}  // namespace parta::server

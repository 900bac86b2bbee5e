// Durable chat changes: a piece of work that reads the chat (settings, members,
// roles) and writes through Storage, run on the commit queue's storage thread
// (group commit; the chat comes from the queue's cache) or, without a queue,
// at once. `done` runs on the I/O thread only after the commit: a reply sent
// from it is a promise kept. Also the chat-policy glue: who is acting, on what.
#pragma once

#include <functional>
#include <memory>

#include "server/storage/commit_queue.h"
#include "server/storage/storage.h"
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

class ChatWriter {
 public:
  ChatWriter(Storage& storage, CommitQueue* commits) : storage_(storage), commits_(commits) {}

  // `chat` is null when there is no such chat.
  template <class T>
  using Work = std::function<Result<T>(Storage&, const ChatAccess* chat)>;
  template <class T>
  using Done = std::function<void(Result<T>)>;

  template <class T>
  void run(ChatId chat, Work<T> work, Done<T> done) {
    if (!commits_) {
      auto access = storage_.chat_access(chat);
      if (!access) return done(access.status());
      return done(work(storage_, access.value() ? &*access.value() : nullptr));
    }
    // The result travels from the storage thread back with the continuation.
    struct Pending {
      Result<T> result{Status(pb::ERROR_INTERNAL, "not stored")};
    };
    auto pending = std::make_shared<Pending>();
    commits_->submit([pending, chat, work = std::move(work), commits = commits_](
                         Storage& storage) { pending->result = work(storage, commits->chat_access(chat)); },
                     [pending, done = std::move(done)](Status committed) {
                       if (!committed) return done(committed);  // rolled back: the client retries
                       done(std::move(pending->result));
                     });
  }

  Storage& storage() { return storage_; }

 private:
  Storage& storage_;
  CommitQueue* commits_;
};

}  // namespace parta::server

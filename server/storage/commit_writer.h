// The durable writer as the services see it: a piece of work runs where the
// writes are made (CommitQueue: a storage thread with its own connection),
// inside a transaction shared with the other pieces of its batch; `then` runs
// on the I/O thread only after that transaction committed. A reply sent from
// `then` is a promise kept: acked = durable.
//
// `Scope` is what a piece may use inside the batch, defined by the domain that
// submits (the chat domain's ChatWriteScope, server/chat/message_repository.h:
// the writer connection's messages and its cache of chats). A PostgreSQL
// writer implements the same interface with its own connection and scope.
#pragma once

#include <functional>

#include "shared/core/result.h"

namespace parta::server {

template <class Scope>
class CommitWriter {
 public:
  using Work = std::function<void(Scope&)>;  // the writer's thread, inside the batch transaction
  using Then = std::function<void(Status)>;  // the I/O thread; the batch's commit status

  virtual ~CommitWriter() = default;

  // Any thread (the I/O thread for a writer that runs on it). Pieces run in
  // submission order, and their `then`s follow in the same order. A piece that
  // fails rolls back only its own part; a failed commit reaches every `then`.
  virtual void submit(Work work, Then then) = 0;
};

}  // namespace parta::server

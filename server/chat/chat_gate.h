// Whether a chat takes new messages and changes now: the chat domain asks, and
// another domain may refuse (the org domain: ORG_SUSPENDED in a suspended
// organization, OrgCommands). The chat code needs no org header for it.
#pragma once

#include "shared/core/ids.h"
#include "shared/core/result.h"

namespace parta::server {

class ChatGate {
 public:
  virtual ~ChatGate() = default;
  virtual Status may_post(ChatId chat) = 0;
};

}  // namespace parta::server

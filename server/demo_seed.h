// The demo school (--seed-demo): one org, class 5А, six people, a few chats.
#pragma once

#include "server/storage/storage.h"

namespace parta::server {

// Seeds only when the database has no organizations, so it is safe to repeat.
Status seed_demo(Storage& storage, std::int64_t now_ms);

}  // namespace parta::server

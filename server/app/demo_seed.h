// The demo school (--seed-demo): one active org, class 5А (class teacher: the
// teacher), six people with their memberships, the parent linked to Иван
// Петров, a few chats, and the platform operator operator@demo.school.
#pragma once

#include "shared/core/result.h"

namespace parta::server {

class SqliteStorage;

// Seeds only when the database has no organizations, so it is safe to repeat.
// A demo school from an older schema gets what it lacks (operator, class
// teacher, the parent's child).
Status seed_demo(SqliteStorage& storage, std::int64_t now_ms);

}  // namespace parta::server

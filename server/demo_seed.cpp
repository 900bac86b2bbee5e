// Demo data through the same storage and password code as real sign-ups.
#include "server/demo_seed.h"

#include "server/log.h"
#include "server/password.h"
#include "shared/validation.h"

namespace parta::server {

namespace {

struct DemoUser {
  const char* login;
  const char* password;
  pb::Role role;
  const char* name;
  bool in_class;
  bool verified_teacher;
};

constexpr DemoUser kUsers[] = {
    {"admin@demo.school", "demo-admin", pb::ROLE_ADMIN, "Елена Викторовна Орлова", false, false},
    {"teacher@demo.school", "demo-teacher", pb::ROLE_TEACHER, "Анна Сергеевна Смирнова", false, true},
    {"student1@demo.school", "demo-student", pb::ROLE_STUDENT, "Иван Петров", true, false},
    {"student2@demo.school", "demo-student", pb::ROLE_STUDENT, "Мария Иванова", true, false},
    {"student3@demo.school", "demo-student", pb::ROLE_STUDENT, "Артём Кузнецов", true, false},
    {"parent@demo.school", "demo-parent", pb::ROLE_PARENT, "Ольга Петрова", false, false},
};
enum { kAdmin, kTeacher, kIvan, kMaria, kArtem, kOlga };

}  // namespace

Status seed_demo(Storage& storage, std::int64_t now_ms) {
  auto orgs = storage.count_orgs();
  if (!orgs) return orgs.status();
  if (orgs.value() > 0) {
    log_info("demo seed skipped: the database already has an organization");
    return Status::ok();
  }
  auto org = storage.create_org("Школа № 42 (демо)");
  if (!org) return org.status();
  auto klass = storage.create_class(org.value(), "5А");
  if (!klass) return klass.status();

  UserId ids[std::size(kUsers)];
  for (std::size_t i = 0; i < std::size(kUsers); ++i) {
    const DemoUser& u = kUsers[i];
    auto hash = hash_password(u.password);
    if (!hash) return {pb::ERROR_INTERNAL, "password hashing failed"};
    NewUser user;
    user.org = org.value();
    if (u.in_class) user.class_id = klass.value();
    user.role = u.role;
    user.display_name = u.name;
    user.login = normalize_login(u.login);
    user.password_hash = *hash;
    user.verified_teacher = u.verified_teacher;
    auto id = storage.create_user(user);
    if (!id) return id.status();
    ids[i] = id.value();
  }

  struct DemoChat {
    pb::ChatKind kind;
    const char* title;
    std::vector<int> members;
  };
  const DemoChat chats[] = {
      {pb::CHAT_KIND_GROUP, "5А", {kTeacher, kIvan, kMaria, kArtem}},
      {pb::CHAT_KIND_GROUP, "Родители 5А", {kTeacher, kOlga}},
      {pb::CHAT_KIND_DIRECT, "", {kTeacher, kIvan}},
      {pb::CHAT_KIND_DIRECT, "", {kTeacher, kMaria}},
      {pb::CHAT_KIND_DIRECT, "", {kIvan, kMaria}},
      {pb::CHAT_KIND_DIRECT, "", {kTeacher, kOlga}},
  };
  ChatId class_chat;
  for (const DemoChat& chat : chats) {
    std::vector<UserId> members;
    for (int m : chat.members) members.push_back(ids[m]);
    auto id = storage.create_chat(org.value(), chat.kind, chat.title, members);
    if (!id) return id.status();
    if (!class_chat.valid()) class_chat = id.value();
  }

  struct DemoMessage {
    int sender;
    const char* text;
  };
  const DemoMessage messages[] = {
      {kTeacher, "Добрый день, 5А! Это наш классный чат."},
      {kTeacher, "Завтра контрольная по математике, не забудьте линейки."},
      {kIvan, "Здравствуйте, Анна Сергеевна! Хорошо."},
      {kMaria, "Спасибо, будем готовы!"},
  };
  int n = 0;
  for (const DemoMessage& m : messages) {
    ++n;
    auto sent = storage.append_message(class_chat, ids[m.sender], "demo-seed-" + std::to_string(n), m.text,
                                       now_ms - (60'000LL * (static_cast<int>(std::size(messages)) - n)));
    if (!sent) return sent.status();
  }
  log_info("demo school seeded: ", std::size(kUsers), " people, ", std::size(chats), " chats");
  return Status::ok();
}

}  // namespace parta::server

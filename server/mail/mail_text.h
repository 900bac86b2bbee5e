// The mails Parta sends, in Russian (the default language of the platform).
// Names come from validated fields (no control characters); the subject is
// RFC 2047 encoded by MailService, so nothing here can inject headers.
#pragma once

#include <string>

#include "server/mail/mail.h"

namespace parta::server {

inline Mail registration_code_mail(const std::string& to, const std::string& student, const std::string& org,
                                   const std::string& class_name, const std::string& code) {
  Mail m;
  m.to = to;
  m.subject = "Код подтверждения регистрации в Parta: " + code;
  m.body = "Здравствуйте!\n\n" + student + " регистрируется в «" + org + "» (класс " + class_name +
           ") и указал(а) этот адрес как адрес родителя.\n\n"
           "Код подтверждения: " +
           code +
           "\n\n"
           "Код действует 15 минут. Если вы не ожидали это письмо, просто не отвечайте на него: "
           "без кода учётная запись не будет создана.\n\n— Parta\n";
  return m;
}

inline Mail login_code_mail(const std::string& to, const std::string& code) {
  Mail m;
  m.to = to;
  m.subject = "Код для входа в Parta: " + code;
  m.body = "Здравствуйте!\n\nВаш код для входа в Parta: " + code +
           "\n\nКод действует 15 минут. Если вы не запрашивали вход, просто проигнорируйте это письмо.\n\n— Parta\n";
  return m;
}

inline Mail parent_invite_mail(const std::string& to, const std::string& child, const std::string& org,
                               const std::string& url) {
  Mail m;
  m.to = to;
  m.subject = child + " приглашает вас в Parta";
  m.body = "Здравствуйте!\n\n" + child + " приглашает вас присоединиться к «" + org +
           "» в Parta как родителя: вы увидите родительские чаты класса и объявления школы.\n\n"
           "Чтобы зарегистрироваться, откройте ссылку:\n" +
           url + "\n\nСсылка действует 7 дней и может быть использована один раз.\n\n— Parta\n";
  return m;
}

}  // namespace parta::server

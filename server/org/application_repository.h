// Applications to open an organization on the platform, and the document
// uploads they refer to. SQLite implements it (SqliteOrgStore, sqlite_orgs.cpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "server/storage/records.h"

namespace parta::server {

struct UploadRecord {
  std::string id;            // random hex; the file name under data_dir/uploads
  std::string content_type;  // sniffed
  std::int64_t size = 0;
  std::int64_t created_at_ms = 0;
  std::int64_t expires_at_ms = 0;
  bool used = false;
};

struct ApplicationRecord {
  ApplicationId id;
  std::string org_name;
  std::string region;
  std::string address;
  pb::OrgType type = pb::ORG_TYPE_SCHOOL;
  std::string admin_name;
  std::string admin_phone;  // normalized
  std::string admin_email;  // normalized
  std::string admin_password_hash;
  std::string document_id;
  std::string document_type;
  std::int64_t submitted_at_ms = 0;
  pb::ApplicationStatus status = pb::APPLICATION_PENDING;
  std::string decision_reason;
  OrgId org;  // once approved
};

class ApplicationRepository {
 public:
  virtual ~ApplicationRepository() = default;

  // --- uploads
  virtual Status create_upload(const UploadRecord& upload) = 0;
  virtual Result<std::optional<UploadRecord>> find_upload(const std::string& id) = 0;
  // Forgets unused uploads that expired; returns their ids (the caller deletes the files).
  virtual Result<std::vector<std::string>> take_expired_uploads(std::int64_t now_ms) = 0;

  // --- applications
  // A pending application with this e-mail or phone.
  virtual Result<bool> pending_application_for(const std::string& email, const std::string& phone) = 0;
  // Claims the upload (ERROR_NOT_FOUND when unknown, used or expired) and stores the application.
  virtual Result<ApplicationId> create_application(const ApplicationRecord& application, std::int64_t now_ms) = 0;
  virtual Result<std::vector<ApplicationRecord>> list_applications(pb::ApplicationStatus status) = 0;
  virtual Result<std::optional<ApplicationRecord>> find_application(ApplicationId id) = 0;
  // One transaction: the org, its admin (login = the e-mail, and the phone if free),
  // the membership, the decision. ERROR_ALREADY_EXISTS if the e-mail was taken since.
  virtual Result<OrgId> approve_application(ApplicationId id, std::int64_t now_ms) = 0;
  virtual Status reject_application(ApplicationId id, const std::string& reason, std::int64_t now_ms) = 0;
};

}  // namespace parta::server

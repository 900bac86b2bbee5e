// Who is asking: the logged-in person with every membership, loaded once per
// command, and the policy Actor for one organization. Permissions are decided by
// parta::check (shared/org/policy.h) only; services add data scoping on top.
#pragma once

#include <vector>

#include "server/auth/user_repository.h"
#include "shared/org/policy.h"

namespace parta::server {

struct Viewer {
  UserId user;  // invalid: not logged in
  bool platform_operator = false;
  std::vector<pb::Membership> memberships;

  // The Actor acting in `org` (its membership there, or none). Valid while this Viewer lives.
  Actor in(OrgId org) const { return Actor{user.valid(), platform_operator, user, find_membership(memberships, org)}; }
  // The first membership with this role, else the first one, else null.
  const pb::Membership* preferred(pb::Role role) const {
    for (const auto& m : memberships) {
      if (m.role() == role) return &m;
    }
    return memberships.empty() ? nullptr : &memberships.front();
  }
  Status check(Action action, const Target& target) const { return parta::check(in(target.org), action, target); }
  Status check(Action action, OrgId org) const {
    Target target;
    target.org = org;
    return check(action, target);
  }
  // Actions on an object someone made (RevokeLink).
  Status check_owned(Action action, OrgId org, UserId owner) const {
    Target target;
    target.org = org;
    target.owner = owner;
    return check(action, target);
  }
};

inline Result<Viewer> load_viewer(UserRepository& store, UserId user) {
  Viewer viewer;
  viewer.user = user;
  if (!user.valid()) return viewer;
  auto op = store.is_platform_operator(user);
  if (!op) return op.status();
  viewer.platform_operator = op.value();
  auto memberships = store.memberships_of(user);
  if (!memberships) return memberships.status();
  viewer.memberships = std::move(memberships).value();
  return viewer;
}

}  // namespace parta::server

// phongdich user add | list | set-role | disable | enable | unlock | password:
// account administration from the command line, where the first administrator
// is made. Whoever can run this on the database file acts with full authority;
// each change is audited as "cli:<os user>".
#include <pwd.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>

#include "app/accounts.hpp"
#include "app/audit_log.hpp"
#include "app/password_generator.hpp"
#include "cli/context.hpp"

namespace phongdich::cli {
namespace {

struct UserOptions {
  std::string username, role, area;
  int64_t person_id = 0;
  bool password_stdin = false;
  bool generate_password = false;
};

int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string os_user() {
  // The account the command runs under, as the system knows it ($USER may be unset or false).
  const passwd* entry = ::getpwuid(::geteuid());
  return std::string("cli:") + (entry ? entry->pw_name : std::to_string(::geteuid()));
}

void audit(Registry& registry, const std::string& action, const std::string& target, AreaId area,
           const std::string& outcome, const std::string& detail = "") {
  AuditLog log(registry.store());
  AuditEvent event;
  event.actor = os_user();
  event.action = action;
  event.target = target;
  event.area_id = area;
  event.remote = "cli";
  event.outcome = outcome;
  event.detail = detail;
  log.append(event, unix_now() * 1000);
}

// The password from standard input (one line), or a generated one shown once.
std::string obtain_password(const UserOptions& o) {
  if (o.generate_password) return random_password();
  if (!o.password_stdin) {
    std::cerr << "error: give --password-stdin (one line on standard input) or "
                 "--generate-password\n";
    throw Exit{kUsage};
  }
  std::string password;
  std::getline(std::cin, password);
  if (!password.empty() && password.back() == '\r') password.pop_back();
  return password;
}

Role require_role(const std::string& name) {
  const auto role = parse_role(name);
  if (!role) {
    std::cerr << "error: unknown role " << name
              << " (commune_staff, district_officer, province_officer, ministry, administrator, "
                 "auditor, citizen)\n";
    throw Exit{kUsage};
  }
  return *role;
}

User require_user(Accounts& accounts, const std::string& username) {
  auto user = accounts.user_by_name(username);
  if (!user) {
    std::cerr << "error: no user " << username << "\n";
    throw Exit{kNotFound};
  }
  return *user;
}

void print_users(Context& context, const std::vector<User>& users) {
  ResultTable table({"id", "username", "role", "area", "person_id", "disabled", "locked"});
  const int64_t now = unix_now();
  for (const User& u : users) {
    const Area* area = context.registry().areas().find(u.area_id);
    table.add_row({std::to_string(u.id), u.username, std::string(role_name(u.role)),
                   area ? area->tree + ":" + area->code + " " + area->name : "",
                   u.person_id ? std::to_string(*u.person_id) : "", u.disabled ? "yes" : "",
                   u.locked_until > now ? "yes" : ""});
  }
  table.print(std::cout, context.format());
}

void add_user(Context& context, const UserOptions& o) {
  Registry& registry = context.registry();
  Accounts accounts(registry.store(), registry.areas());
  NewUser request;
  request.username = o.username;
  request.role = require_role(o.role);
  request.area_id = require_area(registry, o.area).id;
  if (o.person_id > 0) request.person_id = o.person_id;
  request.password = obtain_password(o);
  const CreateUserResult result = accounts.create_user(request, unix_now());
  if (!result.user) {
    audit(registry, "user.create", "user:" + o.username, request.area_id, "rejected",
          result.violations.front().code);
    print_violations(context, result.violations);
    throw Exit{kRejected};
  }
  audit(registry, "user.create", "user:" + std::to_string(result.user->id), request.area_id, "ok",
        o.role);
  print_users(context, {*result.user});
  if (o.generate_password) {
    // Shown once; only its argon2id hash is kept.
    std::cerr << "password for " << o.username << ": " << request.password << "\n";
  }
}

void change(Context& context, const UserOptions& o, const std::string& action) {
  Registry& registry = context.registry();
  Accounts accounts(registry.store(), registry.areas());
  const User user = require_user(accounts, o.username);
  Violations violations;
  AreaId area = user.area_id;
  if (action == "user.role_change") {
    area = require_area(registry, o.area).id;
    violations = accounts.set_role(user.id, require_role(o.role), area);
  } else if (action == "user.disable" || action == "user.enable") {
    violations = accounts.set_disabled(user.id, action == "user.disable");
  } else if (action == "user.unlock") {
    violations = accounts.unlock(user.id);
  } else {
    violations = accounts.reset_password(user.id, obtain_password(o));
  }
  const std::string target = "user:" + std::to_string(user.id);
  if (!violations.empty()) {
    audit(registry, action, target, area, "rejected", violations.front().code);
    print_violations(context, violations);
    throw Exit{kRejected};
  }
  audit(registry, action, target, area, "ok");
  print_users(context, {*accounts.user(user.id)});
}

}  // namespace

void add_user_commands(CLI::App& app, Context& context) {
  auto* user = app.add_subcommand("user", "Accounts: add, list, change role, disable, unlock");
  user->require_subcommand(1);
  auto o = std::make_shared<UserOptions>();
  const auto password_flags = [o](CLI::App* cmd) {
    cmd->add_flag("--password-stdin", o->password_stdin, "Read the password from standard input");
    cmd->add_flag("--generate-password", o->generate_password,
                  "Generate a random password and print it once");
  };
  auto* add = user->add_subcommand("add", "Create an account (the first administrator too)");
  add->add_option("username", o->username, "3-64 of a-z 0-9 . _ -")->required();
  add->add_option("--role", o->role,
                  "commune_staff, district_officer, province_officer, "
                  "ministry, administrator, auditor or citizen")
      ->required();
  add->add_option("--area", o->area, "The area it acts in (TREE:CODE)")->required();
  add->add_option("--person-id", o->person_id, "For a citizen: their own person record");
  password_flags(add);
  add->callback([&context, o] { add_user(context, *o); });

  auto* list = user->add_subcommand("list", "List accounts");
  list->callback([&context] {
    Registry& registry = context.registry();
    Accounts accounts(registry.store(), registry.areas());
    print_users(context, accounts.list_users());
  });

  auto* role = user->add_subcommand("set-role", "Change an account's role and area");
  role->add_option("username", o->username)->required();
  role->add_option("--role", o->role)->required();
  role->add_option("--area", o->area, "TREE:CODE")->required();
  role->callback([&context, o] { change(context, *o, "user.role_change"); });

  for (const auto& [name, action, help] :
       {std::tuple{"disable", "user.disable", "Disable an account (its sessions end)"},
        std::tuple{"enable", "user.enable", "Enable a disabled account"},
        std::tuple{"unlock", "user.unlock", "Lift a lockout after failed logins"}}) {
    auto* cmd = user->add_subcommand(name, help);
    cmd->add_option("username", o->username)->required();
    cmd->callback([&context, o, action = std::string(action)] { change(context, *o, action); });
  }
  auto* password = user->add_subcommand("password", "Set a new password (its sessions end)");
  password->add_option("username", o->username)->required();
  password_flags(password);
  password->callback([&context, o] { change(context, *o, "user.password_reset"); });
}

}  // namespace phongdich::cli

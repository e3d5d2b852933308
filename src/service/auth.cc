// Authentication: Argon2id passwords and opaque bearer tokens (stored hashed).
#include <sodium.h>

#include "service/service.h"
#include "service/service_impl.h"

namespace lianxin::service {

std::string ToHex(const unsigned char* bytes, size_t n) {
  static const char* kHex = "0123456789abcdef";
  std::string out;
  out.reserve(2 * n);
  for (size_t i = 0; i < n; ++i) {
    out += kHex[bytes[i] >> 4];
    out += kHex[bytes[i] & 15];
  }
  return out;
}

std::string HashToken(const std::string& token) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(token.data()), token.size());
  return ToHex(digest, sizeof digest);
}

IssuedKey DrawKey(std::string_view prefix) {
  IssuedKey k;
  k.key = std::string(prefix) +
          RandomCode(32, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789");
  k.hash = HashToken(k.key);
  return k;
}

std::string RandomCode(size_t length, std::string_view alphabet) {
  std::string out;
  for (size_t i = 0; i < length; ++i) {
    out += alphabet[randombytes_uniform(static_cast<uint32_t>(alphabet.size()))];
  }
  return out;
}

Result<std::string> HashPassword(const std::string& password) {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.c_str(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE / 2) != 0) {
    return Status::Internal("password hashing ran out of memory");
  }
  return std::string(out);
}

Result<LoginResult> Service::Login(const std::string& username, const std::string& password) {
  return Login(username, password, "");
}

Result<LoginResult> Service::Login(const std::string& username, const std::string& password,
                                   const std::string& client) {
  const Status denied = Status::Unauthenticated("用户名或密码错误");
  LoginThrottle& throttle = *impl_->login_throttle;
  if (TimeMs wait = throttle.RetryAfter(username, client); wait > 0) {
    int64_t minutes = (wait + 60 * kSecondMs - 1) / (60 * kSecondMs);
    return Status::Unauthenticated("登录失败次数过多，请 " + std::to_string(minutes) + " 分钟后再试");
  }
  auto user = store_.GetUser(username);
  if (!user.ok()) {
    if (user.status().code() != StatusCode::kNotFound) return user.status();
    throttle.RecordFailure(username, client);
    return denied;
  }
  if (!user->active || user->password_hash.empty() ||
      crypto_pwhash_str_verify(user->password_hash.c_str(), password.c_str(), password.size()) != 0) {
    throttle.RecordFailure(username, client);
    return denied;
  }
  throttle.RecordSuccess(username, client);
  LoginResult r;
  r.token = "lx_" + RandomCode(40, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789");
  TimeMs now = clock_.Now();
  r.expires_at = now + impl_->options.session_ttl;
  LX_RETURN_IF_ERROR(store_.PutSession({HashToken(r.token), username, now, r.expires_at}));
  r.user = *user;
  r.user.password_hash.clear();
  return r;
}

Result<Actor> Service::Authenticate(const std::string& token) {
  const Status denied = Status::Unauthenticated("登录已失效，请重新登录");
  if (token.empty() || token.size() > 200) return denied;
  auto session = store_.GetSession(HashToken(token));
  if (!session.ok()) {
    return session.status().code() == StatusCode::kNotFound ? denied : session.status();
  }
  if (session->expires_at <= clock_.Now()) return denied;
  auto user = store_.GetUser(session->username);
  if (!user.ok() || !user->active) return denied;
  Actor a;
  a.username = user->username;
  a.role = user->role;
  a.unit_code = user->unit_code;
  return a;
}

Status Service::Logout(const std::string& token) { return store_.DeleteSession(HashToken(token)); }

// ---- security (issue 9) ----
Result<int64_t> Service::RevokeSessions(const Actor& actor, const std::string& username) {
  if (actor.citizen || actor.role != Role::kAdmin) return Status::PermissionDenied("仅管理员可以注销用户的登录");
  auto user = store_.GetUser(username);
  if (!user.ok()) {
    if (user.status().code() == StatusCode::kNotFound) return Status::NotFound("没有这个用户：" + username);
    return user.status();
  }
  return store_.DeleteUserSessions(username);
}

Status Service::PutUser(const Actor& actor, User user, const std::string& password) {
  if (actor.citizen || actor.role != Role::kAdmin) return Status::PermissionDenied("仅管理员可以管理用户");
  if (user.username.empty() || user.username.size() > 64) {
    return Status::InvalidArgument("用户名长度须为 1–64 个字符");
  }
  for (char c : user.username) {
    if (!(isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.')) {
      return Status::InvalidArgument("用户名只能包含字母、数字、_ - .");
    }
  }
  if (password.size() < 8) return Status::InvalidArgument("密码至少 8 位");
  if (user.role == Role::kUnitHandler) {
    if (!directory()->FindUnit(user.unit_code)) {
      return Status::InvalidArgument("承办人必须属于一个存在的承办单位");
    }
  } else {
    user.unit_code.clear();
  }
  LX_ASSIGN_OR_RETURN(user.password_hash, HashPassword(password));
  if (user.created_at == 0) user.created_at = clock_.Now();
  return store_.PutUser(user);
}

Result<std::vector<User>> Service::ListUsers(const Actor& actor) {
  if (actor.citizen || actor.role != Role::kAdmin) return Status::PermissionDenied("仅管理员可以查看用户");
  LX_ASSIGN_OR_RETURN(std::vector<User> users, store_.ListUsers());
  for (User& u : users) u.password_hash.clear();
  return users;
}

}  // namespace lianxin::service

// Printing an HTML file to PDF with headless Chromium (see pdf.h).
#include "cli/pdf.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <vector>

extern char** environ;

namespace lianxin::cli {

std::string DefaultChromium() {
  const char* env = std::getenv("LIANXIN_CHROMIUM");
  return env && *env ? env : "/usr/bin/chromium";
}

Status PrintToPdf(const std::string& chromium, const std::string& html_path,
                  const std::string& pdf_path, int timeout_seconds) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::exists(chromium, ec)) return Status::NotFound("找不到浏览器：" + chromium);
  fs::path html = fs::absolute(html_path, ec);
  if (ec || !fs::exists(html, ec)) return Status::NotFound("找不到报告文件：" + html_path);
  std::string profile_template = (fs::temp_directory_path(ec) / "lianxin-pdf-XXXXXX").string();
  std::vector<char> profile(profile_template.begin(), profile_template.end());
  profile.push_back('\0');
  if (!mkdtemp(profile.data())) return Status::Internal("cannot create a browser profile folder");
  fs::remove(pdf_path, ec);
  std::vector<std::string> argv = {"timeout",
                                   std::to_string(timeout_seconds),
                                   chromium,
                                   "--headless",
                                   "--no-sandbox",
                                   "--disable-gpu",
                                   "--disable-dev-shm-usage",
                                   "--no-first-run",
                                   "--no-pdf-header-footer",
                                   std::string("--user-data-dir=") + profile.data(),
                                   "--print-to-pdf=" + fs::absolute(pdf_path, ec).string(),
                                   "file://" + html.string()};
  std::vector<char*> cargv;
  for (std::string& a : argv) cargv.push_back(a.data());
  cargv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  pid_t pid = 0;
  int rc = posix_spawnp(&pid, "timeout", &actions, nullptr, cargv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  int wstatus = 0;
  if (rc == 0) waitpid(pid, &wstatus, 0);
  fs::remove_all(profile.data(), ec);
  if (rc != 0) return Status::Internal("cannot start " + chromium);
  if (!WIFEXITED(wstatus) || WEXITSTATUS(wstatus) != 0) {
    return Status::Internal("chromium failed or timed out (exit " +
                            std::to_string(WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : -1) + ")");
  }
  if (fs::file_size(pdf_path, ec) == 0 || ec) return Status::Internal("chromium wrote no PDF");
  return Status::Ok();
}

}  // namespace lianxin::cli

// Printing an HTML file to PDF with headless Chromium (decision reports, issue 6). The
// browser runs as a child process with its own temporary profile, no sandbox (it runs
// as the caller), at most `timeout_seconds`. Thread-safe (no shared state); blocks.
#pragma once

#include <string>

#include "core/status.h"

namespace lianxin::cli {

// The default browser: $LIANXIN_CHROMIUM, else /usr/bin/chromium.
std::string DefaultChromium();

// Prints `html_path` (a local file) to `pdf_path` with `chromium` (A4, the page's own
// @page margins, no header or footer). kNotFound when the browser is missing;
// kInternal when it fails, times out or writes no PDF.
Status PrintToPdf(const std::string& chromium, const std::string& html_path,
                  const std::string& pdf_path, int timeout_seconds = 90);

}  // namespace lianxin::cli

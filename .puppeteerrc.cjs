// Puppeteer may not download its own browser here: we drive Debian's Chromium (PUPPETEER_EXECUTABLE_PATH or /usr/bin/chromium).
module.exports = { skipDownload: true };

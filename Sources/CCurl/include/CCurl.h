// CCurl: typed wrappers over libcurl's variadic calls, which Swift cannot call.
//
// curl_easy_setopt, curl_easy_getinfo and curl_multi_setopt take a variadic third
// argument whose type depends on the option. Each wrapper here fixes that type, so the
// Swift side passes exactly what libcurl reads. Nothing else belongs in this target.
#ifndef TRUCE_CCURL_H
#define TRUCE_CCURL_H
#include <curl/curl.h>

/// The flags curl_global_init takes in every program: SSL and platform setup.
static const long CCURL_GLOBAL_DEFAULT = CURL_GLOBAL_DEFAULT;

CURLcode ccurl_setopt_long(CURL *handle, CURLoption option, long value);
CURLcode ccurl_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value);
/// libcurl copies the string; NULL resets the option to its default.
CURLcode ccurl_setopt_string(CURL *handle, CURLoption option, const char *value);
CURLcode ccurl_setopt_pointer(CURL *handle, CURLoption option, void *value);
/// libcurl does not copy the list: it must outlive the transfer.
CURLcode ccurl_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *list);
CURLcode ccurl_setopt_write_callback(CURL *handle, curl_write_callback callback);
CURLcode ccurl_setopt_read_callback(CURL *handle, curl_read_callback callback);
CURLcode ccurl_setopt_header_callback(CURL *handle, curl_write_callback callback);
/// The buffer must hold CURL_ERROR_SIZE bytes and outlive the handle's transfers.
CURLcode ccurl_setopt_error_buffer(CURL *handle, char *buffer);

CURLcode ccurl_getinfo_long(CURL *handle, CURLINFO info, long *value);
CURLcode ccurl_getinfo_string(CURL *handle, CURLINFO info, const char **value);

CURLMcode ccurl_multi_setopt_long(CURLM *multi, CURLMoption option, long value);

#endif

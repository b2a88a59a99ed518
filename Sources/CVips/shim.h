#ifndef INTERACT_CVIPS_SHIM_H
#define INTERACT_CVIPS_SHIM_H
// libvips through non-variadic wrappers: Swift cannot call C functions with `...`, and libvips
// passes every optional argument as a NULL-terminated name/value list. Each wrapper names the
// options the Images target uses, nothing more. Only the Images target imports this module.
#include <vips/vips.h>

/// Starts libvips (VIPS_INIT checks the headers match the library). 0 on success.
static inline void cvips_ignore_log(const gchar *domain, GLogLevelFlags level, const gchar *message,
                                    gpointer data) {}

static inline int cvips_start(void) {
    if (VIPS_INIT("interact-site")) return -1;
    // A damaged file is reported once, as an error at the line that shows it: libvips' own
    // warnings on the way ("error in tile 0 x 64") would print raw lines to a partner's terminal.
    g_log_set_handler("VIPS", G_LOG_LEVEL_WARNING, cvips_ignore_log, NULL);
    // A batch tool: keep no operation cache (memory stays flat across thousands of images).
    vips_cache_set_max(0);
    // Loaders libvips marks unsafe for untrusted input (ImageMagick, PDF, SVG through librsvg,
    // MATLAB…) are switched off: sources come from contributors.
    vips_block_untrusted_set(TRUE);
    return 0;
}

/// The text of the last errors on this thread's view of libvips' error buffer, then clears it.
static inline char *cvips_take_error(void) {
    char *text = g_strdup(vips_error_buffer());
    vips_error_clear();
    return text;
}

/// Opens an image from memory reading its header only (pixels are decoded on demand). The buffer
/// must outlive the image.
static inline VipsImage *cvips_open_header(const void *data, size_t length) {
    return vips_image_new_from_buffer(data, length, "", NULL);
}

/// The loader libvips would pick for these bytes, e.g. "VipsForeignLoadJpegBuffer"; NULL if none.
static inline const char *cvips_loader(const void *data, size_t length) {
    return vips_foreign_find_load_buffer(data, length);
}

static inline int cvips_get_int(VipsImage *image, const char *name, int fallback) {
    int value = fallback;
    if (vips_image_get_typeof(image, name) == 0 || vips_image_get_int(image, name, &value)) return fallback;
    return value;
}

/// Decodes and shrinks to `width` (shrink-on-load where the format allows), never upscaling,
/// turned upright by the EXIF orientation; a truncated file is an error when the pixels are read (libvips 8.14 ignores thumbnail's own
/// `fail_on` for buffers, so it goes to the loader in the option string).
static inline int cvips_thumbnail_buffer(const void *data, size_t length, VipsImage **out, int width,
                                         int to_srgb) {
    // With an embedded profile (a phone's Display P3, Adobe RGB), the pixels are converted to
    // sRGB through it; without one they are taken as sRGB already (no transform: it would cost
    // time and change nothing).
    if (to_srgb)
        return vips_thumbnail_buffer((void *)data, length, out, width, "height", VIPS_MAX_COORD, "size",
                                     VIPS_SIZE_DOWN, "export_profile", "srgb", "option_string",
                                     "fail_on=truncated", NULL);
    return vips_thumbnail_buffer((void *)data, length, out, width, "height", VIPS_MAX_COORD, "size",
                                 VIPS_SIZE_DOWN, "option_string", "fail_on=truncated", NULL);
}

/// Shrinks an image already in memory to `width` (no orientation tag remains to apply).
static inline int cvips_thumbnail_image(VipsImage *in, VipsImage **out, int width) {
    return vips_thumbnail_image(in, out, width, "height", VIPS_MAX_COORD, "size", VIPS_SIZE_DOWN, NULL);
}

/// Removes every metadata field (EXIF, XMP, IPTC, ICC profile, orientation, comments) from an
/// image the caller owns alone. The savers' `strip` is not enough: 8.14's webpsave keeps EXIF/XMP.
static inline void cvips_remove_metadata(VipsImage *image) {
    gchar **fields = vips_image_get_fields(image);
    for (int i = 0; fields[i]; i++) vips_image_remove(image, fields[i]);
    g_strfreev(fields);
}

static inline int cvips_srgb(VipsImage *in, VipsImage **out) {
    return vips_colourspace(in, out, VIPS_INTERPRETATION_sRGB, NULL);
}

static inline int cvips_webpsave(VipsImage *in, void **buffer, size_t *length, int quality, int effort) {
    return vips_webpsave_buffer(in, buffer, length, "Q", quality, "effort", effort,
                                "strip", TRUE, NULL);
}

static inline int cvips_avifsave(VipsImage *in, void **buffer, size_t *length, int quality, int effort) {
    return vips_heifsave_buffer(in, buffer, length, "Q", quality, "compression",
                                VIPS_FOREIGN_HEIF_COMPRESSION_AV1, "effort", effort, "strip", TRUE, NULL);
}

static inline int cvips_jpegsave(VipsImage *in, void **buffer, size_t *length, int quality) {
    return vips_jpegsave_buffer(in, buffer, length, "Q", quality, "optimize_coding", TRUE, "interlace", TRUE,
                                "strip", TRUE, NULL);
}

static inline int cvips_pngsave(VipsImage *in, void **buffer, size_t *length, int compression) {
    return vips_pngsave_buffer(in, buffer, length, "compression", compression, "strip", TRUE, NULL);
}

/// Renders Pango markup as a one-band 8-bit coverage mask `width` pixels wide at most, wrapping at
/// words (characters inside a word too long for a line). `fontfile` may be NULL.
static inline int cvips_text(VipsImage **out, const char *markup, const char *font, const char *fontfile,
                             int width, int spacing) {
    if (fontfile)
        return vips_text(out, markup, "font", font, "fontfile", fontfile, "width", width, "dpi", 72, "spacing",
                         spacing, "wrap", VIPS_TEXT_WRAP_WORD_CHAR, NULL);
    return vips_text(out, markup, "font", font, "width", width, "dpi", 72, "spacing", spacing, "wrap",
                     VIPS_TEXT_WRAP_WORD_CHAR, NULL);
}

/// SHA-256 of the bytes as 64 lower-case hex digits (GLib's, which libvips already links); g_free it.
static inline char *cvips_sha256(const void *data, size_t length) {
    return g_compute_checksum_for_data(G_CHECKSUM_SHA256, (const guchar *)data, length);
}

static inline void cvips_unref(VipsImage *image) { g_object_unref(image); }
static inline void cvips_free(void *pointer) { g_free(pointer); }

#endif

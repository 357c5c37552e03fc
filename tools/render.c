// SPDX-License-Identifier: GPL-2.0
/* The one walk of the report that every renderer formats. */
#include "render.h"

/**
 * render_walk() - format each section of the report, in render_section order
 * @fmt: the renderer's formatter per section; NULL where it shows nothing
 * @c: the report, the comparison and where the output goes
 *
 * The comparison's section is formatted only when there is a comparison.
 */
void render_walk(const render_section_fn fmt[RENDER_SECTIONS], const struct render_ctx *c)
{
	unsigned int s;

	for (s = 0; s < RENDER_SECTIONS; s++)
		if (fmt[s] && (s != RENDER_EXPECT || c->x))
			fmt[s](c);
}

"""Link previews: Open Graph and Twitter card tags in every page, each with its own image.

A link pasted into TikTok messages, WhatsApp or Discord shows the page's title, description and
a 1200×630 picture. The pictures are drawn here, at build time, from each built page's own
``<title>`` and description, with Pillow's built-in font: nothing is fetched, and because it
reads only the HTML it works on any generator's output (like the rest of ``finish.py``).
Previews need absolute addresses, so each page's canonical link (or the home page's, for a page
without one, like 404.html) gives the base.
"""

from __future__ import annotations

import re
import textwrap
from html import escape, unescape
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

IMAGE_DIR = "assets/social"
SIZE = (1200, 630)
MARKER = '<meta property="og:title"'
"""Present once a page has its tags: finishing a site twice (mkdocs serve) adds nothing."""

BACKGROUND = (18, 18, 18)
TEXT = (245, 245, 245)
MUTED = (190, 190, 190)
CYAN = (37, 244, 238)
PINK = (254, 44, 85)

_TITLE = re.compile(r"<title>(.*?)</title>", re.S)
_DESCRIPTION = re.compile(r'<meta\s+name="description"\s+content="([^"]*)"', re.S)
_CANONICAL = re.compile(r'<link\s+rel="canonical"\s+href="([^"]+)"')


class SocialError(RuntimeError):
    """A built page the previews cannot be made for (it has no <title>)."""


def image_name(page: Path, site_dir: Path) -> str:
    """``likes/engagement-rate/index.html`` → ``assets/social/likes-engagement-rate.png``."""
    rel = page.relative_to(site_dir).as_posix().removesuffix("index.html").removesuffix(".html").strip("/")
    return f"{IMAGE_DIR}/{rel.replace('/', '-') or 'home'}.png"


def draw_card(title: str, description: str, site_name: str) -> Image.Image:
    """The picture: the page's question in large type, its one-line answer below, on the site's colours."""
    image = Image.new("RGB", SIZE, BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 18, SIZE[1]), fill=CYAN)
    draw.rectangle((18, 0, 30, SIZE[1]), fill=PINK)
    small = ImageFont.load_default(size=34)
    big = ImageFont.load_default(size=68)
    body = ImageFont.load_default(size=36)
    draw.text((90, 60), site_name, font=small, fill=CYAN)
    y = 140
    for line in textwrap.wrap(title, width=28)[:3]:
        draw.text((90, y), line, font=big, fill=TEXT, stroke_width=1, stroke_fill=TEXT)
        y += 84
    y += 20
    lines = textwrap.wrap(description, width=52)
    for i, line in enumerate(lines[:3]):
        draw.text((90, y), line + (" …" if i == 2 and len(lines) > 3 else ""), font=body, fill=MUTED)
        y += 48
    draw.text((90, SIZE[1] - 70), "Estimates, not promises · not affiliated with TikTok", font=small, fill=MUTED)
    return image


def _tags(title: str, description: str, image_url: str, page_url: str | None, site_name: str) -> str:
    tags = [
        f'<meta property="og:title" content="{escape(title)}">',
        f'<meta property="og:description" content="{escape(description)}">',
        '<meta property="og:type" content="website">',
        f'<meta property="og:site_name" content="{escape(site_name)}">',
        f'<meta property="og:image" content="{escape(image_url)}">',
        f'<meta property="og:image:width" content="{SIZE[0]}">',
        f'<meta property="og:image:height" content="{SIZE[1]}">',
        f'<meta property="og:image:alt" content="{escape(title)}">',
        '<meta name="twitter:card" content="summary_large_image">',
        f'<meta name="twitter:title" content="{escape(title)}">',
        f'<meta name="twitter:description" content="{escape(description)}">',
        f'<meta name="twitter:image" content="{escape(image_url)}">',
    ]
    if page_url:
        tags.insert(3, f'<meta property="og:url" content="{escape(page_url)}">')
    return "\n    ".join(tags)


def _site_base(site_dir: Path) -> str | None:
    """The site's address, from the home page's canonical link (``site_url`` in mkdocs.yml)."""
    home = site_dir / "index.html"
    found = _CANONICAL.search(home.read_text("utf-8")) if home.is_file() else None
    return found.group(1) if found else None


def write_social(site_dir: Path) -> int:
    """Tags and a picture for every page of ``site_dir``; the number of pages done.

    A site built without an address (no canonical links: no ``site_url``) gets none, since a
    preview needs an absolute address; the guide's mkdocs.yml always sets one.
    """
    base = _site_base(site_dir)
    if base is None:
        return 0
    done = 0
    for page in sorted(site_dir.rglob("*.html")):
        html = page.read_text("utf-8")
        if MARKER in html or "</head>" not in html:
            continue
        found = _TITLE.search(html)
        if not found:
            raise SocialError(f"{page.relative_to(site_dir)} has no <title>")
        full_title = unescape(found.group(1)).strip()
        site_name = full_title.rsplit(" - ", 1)[-1] if " - " in full_title else full_title
        title = full_title.rsplit(" - ", 1)[0] if " - " in full_title else full_title
        described = _DESCRIPTION.search(html)
        description = unescape(described.group(1)).strip() if described else ""
        canonical = _CANONICAL.search(html)
        name = image_name(page, site_dir)
        target = site_dir / name
        target.parent.mkdir(parents=True, exist_ok=True)
        draw_card(title, description, site_name).save(target, optimize=True)
        tags = _tags(title, description, base + name, canonical.group(1) if canonical else None, site_name)
        page.write_text(html.replace("</head>", f"  {tags}\n  </head>", 1), "utf-8")
        done += 1
    return done

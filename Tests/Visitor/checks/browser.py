"""Helpers for checks that use the site in headless Chromium: keys, waiting, colour contrast."""

from __future__ import annotations

import time



def _contrast(a: list[float], b: list[float]) -> float:
    """WCAG 2.1 contrast ratio of two opaque sRGB colours [r, g, b(, a)] in 0..255."""
    def lum(c):
        def ch(v):
            v /= 255
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
        return 0.2126 * ch(c[0]) + 0.7152 * ch(c[1]) + 0.0722 * ch(c[2])
    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def _over(top: list[float], bottom: list[float]) -> list[float]:
    a = top[3] if len(top) > 3 else 1
    return [top[i] * a + bottom[i] * (1 - a) for i in range(3)] + [1]


def _hex(c: list[float]) -> str:
    return "#" + "".join(f"{round(v):02x}" for v in c[:3])


def _tab(driver, shift: bool = False) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys
    chain = ActionChains(driver)
    if shift:
        chain.key_down(Keys.SHIFT).send_keys(Keys.TAB).key_up(Keys.SHIFT)
    else:
        chain.send_keys(Keys.TAB)
    chain.perform()


def _key(driver, key) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    ActionChains(driver).send_keys(key).perform()


def _wait_for(driver, script: str, timeout: float = 5, *args):
    deadline = time.monotonic() + timeout
    value = None
    while time.monotonic() < deadline:
        value = driver.execute_script(script, *args)
        if value:
            return value
        time.sleep(0.05)
    return value

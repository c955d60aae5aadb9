"""The demo city: realistic government sites and new-media accounts with planted defects, on loopback.

    city = build_city(seed=7, sites=5, pages_per_site=50)
    async with serve_city(city) as running:
        ...  # crawl running.base_url(site) through running.resolve_map
    truth = city.ground_truth()

Not a stage: the demo may import any stage (it drives a real scan), no production module imports it (an
import-linter contract; the `govinspect demo` command in cli/commands_demo.py is the one door), and its
truth never imports checks/ or scoring/ (docs/architecture.md, "Where the demo lives").
"""
from govinspect.demo.build_city import build_city
from govinspect.demo.city_model import DemoAccount, DemoColumn, DemoResponse, DemoSite
from govinspect.demo.demo_city import DemoCity
from govinspect.demo.serve_city import CityInThread, RunningCity, serve_city, serve_forever
from govinspect.demo.serve_city_process import CityInSubprocess

__all__ = [
           "CityInSubprocess",
           "CityInThread",
           "DemoAccount",
           "DemoCity",
           "DemoColumn",
           "DemoResponse",
           "DemoSite",
           "RunningCity",
           "build_city",
           "serve_city",
           "serve_forever",
]

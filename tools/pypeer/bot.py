"""A discord.py 2.7 peer for the load test: answers /embassy from the same
data (data/missions.json, data/countries.json) with a text embed, and any
other command with a fixed embed. Pointed at the fake Discord by
DISCORD_API_BASE, like missionbot. Not part of the bot; see BENCHMARKS.md.

    pip install "discord.py==2.7.*"
    DISCORD_TOKEN=... DISCORD_API_BASE=http://127.0.0.1:PORT python3 tools/pypeer/bot.py
"""

import json
import os
import pathlib

import discord
import yarl
from discord.gateway import DiscordWebSocket
from discord.http import Route

DATA = pathlib.Path(__file__).resolve().parents[2] / "data"
API_BASE = os.environ["DISCORD_API_BASE"].rstrip("/")
Route.BASE = API_BASE + "/api/v10"
# discord.py connects to a fixed gateway address rather than asking for one.
DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(API_BASE.replace("http://", "ws://") + "/gateway")

countries = json.loads((DATA / "countries.json").read_text())
missions = json.loads((DATA / "missions.json").read_text())
by_name = {}
for c in countries:
    for name in [c["name"], c["iso2"], c["iso3"], *c["aliases"]]:
        by_name.setdefault(name.lower(), c)


def embassy_embed(text):
    country = by_name.get((text or "").strip().lower())
    if country is None:
        return discord.Embed(title=f"No country called {text}")
    here = [m for m in missions if m["country"] == country["iso2"]]
    embed = discord.Embed(title=f"DPRK missions in {country['name']}")
    for m in here:
        value = f"Now: {m['status_latest']}; Sept 2017: {m['status_2017']}"
        if m.get("closed"):
            value += f"; closed {m['closed']}"
        embed.add_field(name=f"{m['kind']} in {m['city']}", value=value, inline=False)
    if not here:
        embed.description = "No DPRK mission recorded here."
    return embed


class Peer(discord.Client):
    async def on_interaction(self, interaction: discord.Interaction):
        if interaction.type != discord.InteractionType.application_command:
            return
        data = interaction.data or {}
        if data.get("name") == "embassy":
            options = {o["name"]: o.get("value") for o in data.get("options", [])}
            embed = embassy_embed(options.get("country"))
        else:
            embed = discord.Embed(title="Fixed answer", description="The same embed for every command.")
        await interaction.response.send_message(embed=embed)


Peer(intents=discord.Intents.none()).run(os.environ["DISCORD_TOKEN"], log_handler=None)

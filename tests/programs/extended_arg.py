# EXTENDED_ARG: a function with more than 256 constants, more than 256
# local variables and jumps longer than 255 code units.

def many_constants():
    values = [
        1000, 1007, 1014, 1021, 1028, 1035, 1042, 1049, 1056, 1063, 1070, 1077, 1084, 1091, 1098,
        1105, 1112, 1119, 1126, 1133, 1140, 1147, 1154, 1161, 1168, 1175, 1182, 1189, 1196, 1203,
        1210, 1217, 1224, 1231, 1238, 1245, 1252, 1259, 1266, 1273, 1280, 1287, 1294, 1301, 1308,
        1315, 1322, 1329, 1336, 1343, 1350, 1357, 1364, 1371, 1378, 1385, 1392, 1399, 1406, 1413,
        1420, 1427, 1434, 1441, 1448, 1455, 1462, 1469, 1476, 1483, 1490, 1497, 1504, 1511, 1518,
        1525, 1532, 1539, 1546, 1553, 1560, 1567, 1574, 1581, 1588, 1595, 1602, 1609, 1616, 1623,
        1630, 1637, 1644, 1651, 1658, 1665, 1672, 1679, 1686, 1693, 1700, 1707, 1714, 1721, 1728,
        1735, 1742, 1749, 1756, 1763, 1770, 1777, 1784, 1791, 1798, 1805, 1812, 1819, 1826, 1833,
        1840, 1847, 1854, 1861, 1868, 1875, 1882, 1889, 1896, 1903, 1910, 1917, 1924, 1931, 1938,
        1945, 1952, 1959, 1966, 1973, 1980, 1987, 1994, 2001, 2008, 2015, 2022, 2029, 2036, 2043,
        2050, 2057, 2064, 2071, 2078, 2085, 2092, 2099, 2106, 2113, 2120, 2127, 2134, 2141, 2148,
        2155, 2162, 2169, 2176, 2183, 2190, 2197, 2204, 2211, 2218, 2225, 2232, 2239, 2246, 2253,
        2260, 2267, 2274, 2281, 2288, 2295, 2302, 2309, 2316, 2323, 2330, 2337, 2344, 2351, 2358,
        2365, 2372, 2379, 2386, 2393, 2400, 2407, 2414, 2421, 2428, 2435, 2442, 2449, 2456, 2463,
        2470, 2477, 2484, 2491, 2498, 2505, 2512, 2519, 2526, 2533, 2540, 2547, 2554, 2561, 2568,
        2575, 2582, 2589, 2596, 2603, 2610, 2617, 2624, 2631, 2638, 2645, 2652, 2659, 2666, 2673,
        2680, 2687, 2694, 2701, 2708, 2715, 2722, 2729, 2736, 2743, 2750, 2757, 2764, 2771, 2778,
        2785, 2792, 2799, 2806, 2813, 2820, 2827, 2834, 2841, 2848, 2855, 2862, 2869, 2876, 2883,
        2890, 2897, 2904, 2911, 2918, 2925, 2932, 2939, 2946, 2953, 2960, 2967, 2974, 2981, 2988,
        2995, 3002, 3009, 3016, 3023, 3030, 3037, 3044, 3051, 3058, 3065, 3072, 3079, 3086, 3093,
    ]
    return values

vals = many_constants()
print(len(vals), vals[0], vals[255], vals[256], vals[-1], sum(vals))

def many_locals(seed):
    v0, v1, v2, v3, v4, v5, v6, v7, v8, v9 = seed + 0, seed + 1, seed + 2, seed + 3, seed + 4, seed + 5, seed + 6, seed + 7, seed + 8, seed + 9
    v10, v11, v12, v13, v14, v15, v16, v17, v18, v19 = seed + 10, seed + 11, seed + 12, seed + 13, seed + 14, seed + 15, seed + 16, seed + 17, seed + 18, seed + 19
    v20, v21, v22, v23, v24, v25, v26, v27, v28, v29 = seed + 20, seed + 21, seed + 22, seed + 23, seed + 24, seed + 25, seed + 26, seed + 27, seed + 28, seed + 29
    v30, v31, v32, v33, v34, v35, v36, v37, v38, v39 = seed + 30, seed + 31, seed + 32, seed + 33, seed + 34, seed + 35, seed + 36, seed + 37, seed + 38, seed + 39
    v40, v41, v42, v43, v44, v45, v46, v47, v48, v49 = seed + 40, seed + 41, seed + 42, seed + 43, seed + 44, seed + 45, seed + 46, seed + 47, seed + 48, seed + 49
    v50, v51, v52, v53, v54, v55, v56, v57, v58, v59 = seed + 50, seed + 51, seed + 52, seed + 53, seed + 54, seed + 55, seed + 56, seed + 57, seed + 58, seed + 59
    v60, v61, v62, v63, v64, v65, v66, v67, v68, v69 = seed + 60, seed + 61, seed + 62, seed + 63, seed + 64, seed + 65, seed + 66, seed + 67, seed + 68, seed + 69
    v70, v71, v72, v73, v74, v75, v76, v77, v78, v79 = seed + 70, seed + 71, seed + 72, seed + 73, seed + 74, seed + 75, seed + 76, seed + 77, seed + 78, seed + 79
    v80, v81, v82, v83, v84, v85, v86, v87, v88, v89 = seed + 80, seed + 81, seed + 82, seed + 83, seed + 84, seed + 85, seed + 86, seed + 87, seed + 88, seed + 89
    v90, v91, v92, v93, v94, v95, v96, v97, v98, v99 = seed + 90, seed + 91, seed + 92, seed + 93, seed + 94, seed + 95, seed + 96, seed + 97, seed + 98, seed + 99
    v100, v101, v102, v103, v104, v105, v106, v107, v108, v109 = seed + 100, seed + 101, seed + 102, seed + 103, seed + 104, seed + 105, seed + 106, seed + 107, seed + 108, seed + 109
    v110, v111, v112, v113, v114, v115, v116, v117, v118, v119 = seed + 110, seed + 111, seed + 112, seed + 113, seed + 114, seed + 115, seed + 116, seed + 117, seed + 118, seed + 119
    v120, v121, v122, v123, v124, v125, v126, v127, v128, v129 = seed + 120, seed + 121, seed + 122, seed + 123, seed + 124, seed + 125, seed + 126, seed + 127, seed + 128, seed + 129
    v130, v131, v132, v133, v134, v135, v136, v137, v138, v139 = seed + 130, seed + 131, seed + 132, seed + 133, seed + 134, seed + 135, seed + 136, seed + 137, seed + 138, seed + 139
    v140, v141, v142, v143, v144, v145, v146, v147, v148, v149 = seed + 140, seed + 141, seed + 142, seed + 143, seed + 144, seed + 145, seed + 146, seed + 147, seed + 148, seed + 149
    v150, v151, v152, v153, v154, v155, v156, v157, v158, v159 = seed + 150, seed + 151, seed + 152, seed + 153, seed + 154, seed + 155, seed + 156, seed + 157, seed + 158, seed + 159
    v160, v161, v162, v163, v164, v165, v166, v167, v168, v169 = seed + 160, seed + 161, seed + 162, seed + 163, seed + 164, seed + 165, seed + 166, seed + 167, seed + 168, seed + 169
    v170, v171, v172, v173, v174, v175, v176, v177, v178, v179 = seed + 170, seed + 171, seed + 172, seed + 173, seed + 174, seed + 175, seed + 176, seed + 177, seed + 178, seed + 179
    v180, v181, v182, v183, v184, v185, v186, v187, v188, v189 = seed + 180, seed + 181, seed + 182, seed + 183, seed + 184, seed + 185, seed + 186, seed + 187, seed + 188, seed + 189
    v190, v191, v192, v193, v194, v195, v196, v197, v198, v199 = seed + 190, seed + 191, seed + 192, seed + 193, seed + 194, seed + 195, seed + 196, seed + 197, seed + 198, seed + 199
    v200, v201, v202, v203, v204, v205, v206, v207, v208, v209 = seed + 200, seed + 201, seed + 202, seed + 203, seed + 204, seed + 205, seed + 206, seed + 207, seed + 208, seed + 209
    v210, v211, v212, v213, v214, v215, v216, v217, v218, v219 = seed + 210, seed + 211, seed + 212, seed + 213, seed + 214, seed + 215, seed + 216, seed + 217, seed + 218, seed + 219
    v220, v221, v222, v223, v224, v225, v226, v227, v228, v229 = seed + 220, seed + 221, seed + 222, seed + 223, seed + 224, seed + 225, seed + 226, seed + 227, seed + 228, seed + 229
    v230, v231, v232, v233, v234, v235, v236, v237, v238, v239 = seed + 230, seed + 231, seed + 232, seed + 233, seed + 234, seed + 235, seed + 236, seed + 237, seed + 238, seed + 239
    v240, v241, v242, v243, v244, v245, v246, v247, v248, v249 = seed + 240, seed + 241, seed + 242, seed + 243, seed + 244, seed + 245, seed + 246, seed + 247, seed + 248, seed + 249
    v250, v251, v252, v253, v254, v255, v256, v257, v258, v259 = seed + 250, seed + 251, seed + 252, seed + 253, seed + 254, seed + 255, seed + 256, seed + 257, seed + 258, seed + 259
    v260, v261, v262, v263, v264, v265, v266, v267, v268, v269 = seed + 260, seed + 261, seed + 262, seed + 263, seed + 264, seed + 265, seed + 266, seed + 267, seed + 268, seed + 269
    return v0 + v100 + v255 + v256 + v269

print(many_locals(1))

def long_jump(flag):
    total = 0
    if flag:
        total += 0 * flag + (total % 3)
        total += 1 * flag + (total % 4)
        total += 2 * flag + (total % 5)
        total += 3 * flag + (total % 6)
        total += 4 * flag + (total % 7)
        total += 5 * flag + (total % 8)
        total += 6 * flag + (total % 9)
        total += 7 * flag + (total % 10)
        total += 8 * flag + (total % 11)
        total += 9 * flag + (total % 12)
        total += 10 * flag + (total % 13)
        total += 11 * flag + (total % 14)
        total += 12 * flag + (total % 15)
        total += 13 * flag + (total % 16)
        total += 14 * flag + (total % 17)
        total += 15 * flag + (total % 18)
        total += 16 * flag + (total % 19)
        total += 17 * flag + (total % 20)
        total += 18 * flag + (total % 21)
        total += 19 * flag + (total % 22)
        total += 20 * flag + (total % 23)
        total += 21 * flag + (total % 24)
        total += 22 * flag + (total % 25)
        total += 23 * flag + (total % 26)
        total += 24 * flag + (total % 27)
        total += 25 * flag + (total % 28)
        total += 26 * flag + (total % 29)
        total += 27 * flag + (total % 30)
        total += 28 * flag + (total % 31)
        total += 29 * flag + (total % 32)
        total += 30 * flag + (total % 33)
        total += 31 * flag + (total % 34)
        total += 32 * flag + (total % 35)
        total += 33 * flag + (total % 36)
        total += 34 * flag + (total % 37)
        total += 35 * flag + (total % 38)
        total += 36 * flag + (total % 39)
        total += 37 * flag + (total % 40)
        total += 38 * flag + (total % 41)
        total += 39 * flag + (total % 42)
        total += 40 * flag + (total % 43)
        total += 41 * flag + (total % 44)
        total += 42 * flag + (total % 45)
        total += 43 * flag + (total % 46)
        total += 44 * flag + (total % 47)
    else:
        total = -1
    return total

print(long_jump(1), long_jump(0), long_jump(3))

def long_loop(n):
    acc = []
    for i in range(n):
        if i % 2:
            acc.append(i * 2 + len(acc) - 0)
            acc.append(i * 3 + len(acc) - 1)
            acc.append(i * 4 + len(acc) - 2)
            acc.append(i * 5 + len(acc) - 3)
            acc.append(i * 6 + len(acc) - 4)
            acc.append(i * 7 + len(acc) - 5)
            acc.append(i * 8 + len(acc) - 6)
            acc.append(i * 9 + len(acc) - 7)
            acc.append(i * 10 + len(acc) - 8)
            acc.append(i * 11 + len(acc) - 9)
            acc.append(i * 12 + len(acc) - 10)
            acc.append(i * 13 + len(acc) - 11)
        else:
            continue
    return sum(acc), len(acc)

print(long_loop(7))
